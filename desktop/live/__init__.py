"""Live changes: a colleague's work, as it happens, in every window (issue 17).

`LiveFeed` (feed.py) follows the server's change feed on a worker from the cursor of the
snapshot the list was loaded from, reconnecting as needed, and says whether it is live;
`ChangeApplier` (apply.py) applies what it hears to the customer table a slice per event-loop
turn and tells the rest (the Overview's figures, the operations, open dialogs) by signals.
Below the ui, beside the operations: it knows the models, the task runner and the api's values.
"""
