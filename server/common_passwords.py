"""Passwords that people choose most, as server/passwords.py refuses them.

Kept by hand, from the top of public breach-frequency lists (the kind NCSC and SecLists
publish), plus a few local ones (Croatian words, Zagreb's and Split's clubs). Two kinds, all
in lower case:

- WHOLE: passwords of 12 characters or more that appear as they are (shorter ones fail the
  length rule anyway);
- WORDS: the words those lists are built around, refused with nothing but digits and
  punctuation around them ("Password2024!", "!!welcome123456").

A Python module rather than a data file, so that every way the server is installed or bundled
(the desktop bundle's demo server included) carries it.
"""

from __future__ import annotations


def _listed(text: str) -> frozenset[str]:
    return frozenset(text.split())


WHOLE = _listed(
    """
    123456789012 1234567890123 12345678901234 123456789123 1234567891011 123456123456
    123123123123 111111111111 000000000000 121212121212 112233445566 123321123321
    987654321012 147258369147 159753159753 123654789123 741852963741 963852741963
    1234512345123 123451234512 1122334455667788 0987654321qwerty 1234567890qwerty
    qwertyuiop12 qwertyuiop123 qwertyuiopasdf qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm
    qwerty123456 123456qwerty qwertyqwerty qwerty12345678 qwerty123456789 qwerty1234567890
    1q2w3e4r5t6y 1q2w3e4r5t6y7u 1q2w3e4r5t6y7u8i 1qaz2wsx3edc 1qaz2wsx3edc4rfv 1qazxsw23edc
    zaq12wsxcde3 zaq1zaq1zaq1 qazwsxedcrfv qazwsxedcrfvtgb qazwsxedc123 q1w2e3r4t5y6
    asdfghjkl123 asdfghjkl1234 zxcvbnm12345 zxcvbnm123456 asdfasdfasdf qweasdzxc123
    qweqweqweqwe qwe123qwe123 1234qwerasdf 1234qwerasdfzxcv 1234abcd1234 abcd1234abcd
    abc123abc123 abcdefghijkl abcdefghijklm abcdefgh1234 a1b2c3d4e5f6 aa1234567890
    aaaaaaaaaaaa zzzzzzzzzzzz !@#$%^&*()_+ 1234567890-= !qaz2wsx#edc !qaz@wsx#edc
    1a2b3c4d5e6f passwordpassword password1234 password12345 password123456 password1234!
    password123! password2020 password2021 password2022 password2023 password2024
    password2025 password2026 p@ssw0rd1234 p@ssword1234 passw0rd1234 p@ssw0rd123!
    mypassword123 mypassword1234 thisismypassword thisisapassword newpassword123
    letmein12345 letmein123456 welcome12345 welcome123456 welcome2024! welcome2025!
    iloveyou1234 iloveyou12345 iloveyouiloveyou iloveyou4ever ihateyou1234 trustno1trustno1
    changeme1234 changeme123456 administrator administrator1 administrator123 admin1234567
    adminadmin123 adminpassword superman1234 batman123456 football1234 baseball1234
    basketball12 basketball123 sunshine1234 princess1234 starwars1234 pokemon12345
    charlie12345 michael12345 jennifer1234 liverpool123 chelsea12345 arsenal12345
    manchester12 manchesterunited barcelona123 realmadrid12 myspace12345 facebook1234
    google123456 microsoft123 computer1234 internet1234 whatever1234 nothing12345
    secret123456 mustang12345 shadow123456 master123456 dragon123456 monkey123456
    freedom12345 blink182blink182 correcthorsebatterystaple qwertyuiop1234 1qaz2wsx1qaz2wsx
    lozinka12345 lozinka123456 lozinkalozinka zagreb123456 hajduk123456 dinamo123456
    volimte12345 hrvatska1234 hrvatska12345 sifra1234567 sifrasifra12
    """
)

WORDS = _listed(
    """
    password passwort passw0rd p@ssw0rd p@ssword pass qwerty qwertz qwertyuiop asdfgh
    asdfghjkl zxcvbnm azerty letmein welcome welcome1 iloveyou ihateyou loveyou trustno1
    changeme admin administrator root user login default guest test testing secret
    master dragon monkey shadow sunshine princess football baseball basketball soccer
    hockey superman batman spiderman starwars pokemon charlie michael jennifer jordan
    daniel thomas robert andrew joshua matthew jessica ashley amanda hunter ranger
    buster tigger killer hello freedom whatever nothing computer internet google
    facebook myspace microsoft apple samsung summer winter autumn spring monday friday
    january december love lovely angel baby flower cookie chocolate cheese pepper
    ginger orange banana purple yellow silver golden diamond mustang ferrari porsche
    liverpool chelsea arsenal barcelona realmadrid juventus manchester
    lozinka sifra zaporka zagreb split hrvatska croatia hajduk dinamo volimte ljubav
    """
)
