"""Staff: the partner's team (owner and admin): the list, Add Staff, roles, disabling."""
