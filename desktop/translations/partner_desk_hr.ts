<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hr_HR">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation>Račun</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <source>Two-factor sign-in</source>
        <translation>Prijava u dva koraka</translation>
    </message>
    <message>
        <source>Two-factor</source>
        <translation>Prijava u dva koraka</translation>
    </message>
    <message>
        <source>Two-factor status</source>
        <translation>Stanje prijave u dva koraka</translation>
    </message>
    <message>
        <source>Set up two-factor</source>
        <translation>Postavi prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Signed in as &lt;b&gt;{name}&lt;/b&gt; ({user}), {role} of {partner}.</source>
        <translation>Prijavljeni ste kao &lt;b&gt;{name}&lt;/b&gt; ({user}), {role} u partneru {partner}.</translation>
    </message>
    <message>
        <source>Signed in as &lt;b&gt;{user}&lt;/b&gt;.</source>
        <translation>Prijavljeni ste kao &lt;b&gt;{user}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;On.&lt;/b&gt; Signing in asks for a code from your authenticator app.</source>
        <translation>&lt;b&gt;Uključena.&lt;/b&gt; Prijava traži kôd iz vaše aplikacije za autentifikaciju.</translation>
    </message>
    <message>
        <source>Turn &amp;Off Two-Factor…</source>
        <translation>&amp;Isključi prijavu u dva koraka…</translation>
    </message>
    <message>
        <source>Turn off two-factor</source>
        <translation>Isključi prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Your partner requires two-factor sign-in, so it stays on.</source>
        <translation>Vaš partner zahtijeva prijavu u dva koraka pa ostaje uključena.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Off.&lt;/b&gt; Your password alone signs you in.</source>
        <translation>&lt;b&gt;Isključena.&lt;/b&gt; Za prijavu je dovoljna lozinka.</translation>
    </message>
    <message>
        <source>Set Up &amp;Two-Factor…</source>
        <translation>Postavi prijavu u &amp;dva koraka…</translation>
    </message>
    <message>
        <source>Your partner requires two-factor sign-in for all staff.</source>
        <translation>Vaš partner zahtijeva prijavu u dva koraka za sve djelatnike.</translation>
    </message>
</context>
<context>
    <name>AccountEntry</name>
    <message>
        <source>Click for your account: password and two-factor sign-in.</source>
        <translation>Kliknite za svoj račun: lozinka i prijava u dva koraka.</translation>
    </message>
</context>
<context>
    <name>ActivityExport</name>
    <message>
        <source>Reading the activity log…</source>
        <translation>Čitanje dnevnika aktivnosti…</translation>
    </message>
    <message>
        <source>Export stopped; nothing was saved.</source>
        <translation>Izvoz je zaustavljen; ništa nije spremljeno.</translation>
    </message>
    <message numerus="yes">
        <source>Reading the activity log… %Ln events so far</source>
        <translation>
            <numerusform>Čitanje dnevnika aktivnosti… dosad %Ln događaj</numerusform>
            <numerusform>Čitanje dnevnika aktivnosti… dosad %Ln događaja</numerusform>
            <numerusform>Čitanje dnevnika aktivnosti… dosad %Ln događaja</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %Ln events…</source>
        <translation>
            <numerusform>Izvoz %Ln događaja…</numerusform>
            <numerusform>Izvoz %Ln događaja…</numerusform>
            <numerusform>Izvoz %Ln događaja…</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed; nothing was saved.</source>
        <translation>Izvoz nije uspio; ništa nije spremljeno.</translation>
    </message>
    <message>
        <source>The activity log could not be read from the server:
%1</source>
        <translation>Dnevnik aktivnosti nije moguće pročitati s poslužitelja:
%1</translation>
    </message>
    <message>
        <source>Export Activity</source>
        <translation>Izvoz aktivnosti</translation>
    </message>
    <message>
        <source>activity-%1.csv</source>
        <translation>aktivnost-%1.csv</translation>
    </message>
    <message>
        <source>Exporting… %1 of %2 events</source>
        <translation>Izvoz… %1 od %2 događaja</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln events to %1.</source>
        <translation>
            <numerusform>Izvezen je %Ln događaj u %1.</numerusform>
            <numerusform>Izvezena su %Ln događaja u %1.</numerusform>
            <numerusform>Izvezeno je %Ln događaja u %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The activity could not be saved to
%1

%2

Choose another folder.</source>
        <translation>Aktivnost nije moguće spremiti u
%1

%2

Odaberite drugu mapu.</translation>
    </message>
</context>
<context>
    <name>ActivityFilters</name>
    <message>
        <source>Activity filters</source>
        <translation>Filtri aktivnosti</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Tko</translation>
    </message>
    <message>
        <source>Only what this staff member did</source>
        <translation>Samo ono što je učinio ovaj član tima</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Što</translation>
    </message>
    <message>
        <source>Only this kind of event</source>
        <translation>Samo ova vrsta događaja</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Datum od</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Datum do</translation>
    </message>
    <message>
        <source>Only events on or after this day</source>
        <translation>Samo događaji od ovog dana nadalje</translation>
    </message>
    <message>
        <source>Only events on or before this day</source>
        <translation>Samo događaji do ovog dana, uključivo</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Tko:</translation>
    </message>
    <message>
        <source>Wh&amp;at:</source>
        <translation>Št&amp;o:</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Korisnik:</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>Bilo što</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Bilo tko</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <source>Activity</source>
        <translation>Aktivnost</translation>
    </message>
    <message>
        <source>Activity status</source>
        <translation>Stanje aktivnosti</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>Očisti filtre</translation>
    </message>
    <message>
        <source>Clear every filter</source>
        <translation>Očisti sve filtre</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Osvježi</translation>
    </message>
    <message>
        <source>Refresh the log</source>
        <translation>Osvježi dnevnik</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Izvezi…</translation>
    </message>
    <message>
        <source>Export the activity to a CSV file</source>
        <translation>Izvezi aktivnost u CSV datoteku</translation>
    </message>
    <message>
        <source>Saves every event the filters find, not only those shown, for a spreadsheet</source>
        <translation>Sprema sve događaje koje filtri pronađu, ne samo prikazane, za proračunsku tablicu</translation>
    </message>
    <message>
        <source>Events shown</source>
        <translation>Prikazani događaji</translation>
    </message>
    <message>
        <source>More events not loaded</source>
        <translation>Ostali događaji nisu učitani</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Pokušaj ponovno</translation>
    </message>
    <message>
        <source>Load more events again</source>
        <translation>Ponovno učitaj još događaja</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Activity&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Aktivnost&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Could not load the activity</source>
        <translation>Aktivnost nije moguće učitati</translation>
    </message>
    <message>
        <source>Loading activity…</source>
        <translation>Učitavanje aktivnosti…</translation>
    </message>
    <message>
        <source>No activity found</source>
        <translation>Nema pronađene aktivnosti</translation>
    </message>
    <message>
        <source>Nothing recorded matches these filters. Clear a filter to see more.</source>
        <translation>Ništa zabilježeno ne odgovara ovim filtrima. Očistite neki filtar da biste vidjeli više.</translation>
    </message>
    <message>
        <source>More events could not be loaded: {reason}</source>
        <translation>Ostale događaje nije moguće učitati: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n events shown; loading more…</source>
        <translation>
            <numerusform>Prikazan je %n događaj; učitava se još…</numerusform>
            <numerusform>Prikazana su %n događaja; učitava se još…</numerusform>
            <numerusform>Prikazano je %n događaja; učitava se još…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n events shown; more as you scroll</source>
        <translation>
            <numerusform>Prikazan je %n događaj; pomaknite se niže za još</numerusform>
            <numerusform>Prikazana su %n događaja; pomaknite se niže za još</numerusform>
            <numerusform>Prikazano je %n događaja; pomaknite se niže za još</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n events</source>
        <translation>
            <numerusform>Ukupno %n događaj</numerusform>
            <numerusform>Ukupno %n događaja</numerusform>
            <numerusform>Ukupno %n događaja</numerusform>
        </translation>
    </message>
    <message>
        <source>This event is about the team, not a customer.</source>
        <translation>Ovaj se događaj odnosi na tim, ne na korisnika.</translation>
    </message>
    <message>
        <source>Opening the customer…</source>
        <translation>Otvaranje korisnika…</translation>
    </message>
    <message>
        <source>Could not open the customer: {reason}</source>
        <translation>Korisnika nije moguće otvoriti: {reason}</translation>
    </message>
</context>
<context>
    <name>ActivityTableModel</name>
    <message>
        <source>When</source>
        <translation>Kada</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Tko</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Što</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Korisnik</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Pojedinosti</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ništa</translation>
    </message>
</context>
<context>
    <name>ActivityWords</name>
    <message>
        <source>Signed in</source>
        <translation>Prijava</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Neuspjela prijava</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Odjava</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Lozinka promijenjena</translation>
    </message>
    <message>
        <source>Wrong sign-in code</source>
        <translation>Pogrešan kôd za prijavu</translation>
    </message>
    <message>
        <source>Recovery code used</source>
        <translation>Iskorišten kôd za oporavak</translation>
    </message>
    <message>
        <source>Two-factor sign-in turned on</source>
        <translation>Prijava u dva koraka uključena</translation>
    </message>
    <message>
        <source>Two-factor sign-in turned off</source>
        <translation>Prijava u dva koraka isključena</translation>
    </message>
    <message>
        <source>Staff member added</source>
        <translation>Član tima dodan</translation>
    </message>
    <message>
        <source>Staff member changed</source>
        <translation>Član tima promijenjen</translation>
    </message>
    <message>
        <source>Staff member disabled</source>
        <translation>Član tima onemogućen</translation>
    </message>
    <message>
        <source>Staff member enabled</source>
        <translation>Član tima omogućen</translation>
    </message>
    <message>
        <source>Team settings changed</source>
        <translation>Postavke tima promijenjene</translation>
    </message>
    <message numerus="yes">
        <source>%n recovery codes left</source>
        <translation>
            <numerusform>Preostao je %n kôd za oporavak</numerusform>
            <numerusform>Preostala su %n kôda za oporavak</numerusform>
            <numerusform>Preostalo je %n kôdova za oporavak</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong password</source>
        <translation>Pogrešna lozinka</translation>
    </message>
    <message>
        <source>The account is disabled</source>
        <translation>Račun je onemogućen</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Razlog: {reason}</translation>
    </message>
    <message>
        <source>With a code from the authenticator app</source>
        <translation>Kôdom iz aplikacije za autentifikaciju</translation>
    </message>
    <message>
        <source>With a recovery code</source>
        <translation>Kôdom za oporavak</translation>
    </message>
    <message>
        <source>While signing in</source>
        <translation>Pri prijavi</translation>
    </message>
    <message>
        <source>While setting up two-factor sign-in</source>
        <translation>Pri postavljanju prijave u dva koraka</translation>
    </message>
    <message>
        <source>While turning two-factor sign-in off</source>
        <translation>Pri isključivanju prijave u dva koraka</translation>
    </message>
    <message>
        <source>Staff member: {who}</source>
        <translation>Član tima: {who}</translation>
    </message>
    <message>
        <source>Role: {role}</source>
        <translation>Uloga: {role}</translation>
    </message>
    <message>
        <source>Name: {name}</source>
        <translation>Ime: {name}</translation>
    </message>
    <message>
        <source>Email: {email}</source>
        <translation>E-pošta: {email}</translation>
    </message>
    <message>
        <source>Two-factor sign-in required of everyone</source>
        <translation>Prijava u dva koraka obavezna za sve</translation>
    </message>
    <message>
        <source>Two-factor sign-in no longer required</source>
        <translation>Prijava u dva koraka više nije obavezna</translation>
    </message>
</context>
<context>
    <name>AddStaffDialog</name>
    <message>
        <source>Add staff</source>
        <translation>Dodaj djelatnika</translation>
    </message>
    <message>
        <source>Add Staff</source>
        <translation>Dodaj djelatnika</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Korisničko ime:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Ime i prezime:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-pošta:</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Uloga</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Uloga:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lozinka:</translation>
    </message>
    <message>
        <source>Repea&amp;t password:</source>
        <translation>&amp;Ponovite lozinku:</translation>
    </message>
    <message>
        <source>Problem: {field}</source>
        <translation>Problem: {field}</translation>
    </message>
    <message>
        <source>Why nothing was added</source>
        <translation>Zašto nitko nije dodan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Cancel: add no one</source>
        <translation>Odustani: nitko se ne dodaje</translation>
    </message>
    <message>
        <source>Add a colleague</source>
        <translation>Dodajte kolegu</translation>
    </message>
    <message>
        <source>They sign in with this user name and password; tell them the password yourself. It needs at least 12 characters and may not be a common one.</source>
        <translation>Prijavljuje se ovim korisničkim imenom i lozinkom; lozinku mu recite sami. Mora imati barem 12 znakova i ne smije biti neka od uobičajenih.</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>The server did not accept it: {fields}</source>
        <translation>Poslužitelj to nije prihvatio: {fields}</translation>
    </message>
    <message>
        <source>{reason} No one was added.</source>
        <translation>{reason} Nitko nije dodan.</translation>
    </message>
</context>
<context>
    <name>ApiMessages</name>
    <message>
        <source>Your session has expired. Sign in again.</source>
        <translation>Vaša je sesija istekla. Prijavite se ponovno.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to {request} is not JSON ({kind}). Check the server address: it may point at a web page, not the Partner API.</source>
        <translation>Odgovor poslužitelja na {request} nije JSON ({kind}). Provjerite adresu poslužitelja: možda vodi na web-stranicu, a ne na Partner API.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to {request} is not JSON (no content type). Check the server address: it may point at a web page, not the Partner API.</source>
        <translation>Odgovor poslužitelja na {request} nije JSON (nema vrste sadržaja). Provjerite adresu poslužitelja: možda vodi na web-stranicu, a ne na Partner API.</translation>
    </message>
    <message>
        <source>The server redirected {request} to {target}. Check the server address.</source>
        <translation>Poslužitelj je preusmjerio {request} na {target}. Provjerite adresu poslužitelja.</translation>
    </message>
    <message>
        <source>The server redirected {request} somewhere else. Check the server address.</source>
        <translation>Poslužitelj je preusmjerio {request} na drugu adresu. Provjerite adresu poslužitelja.</translation>
    </message>
    <message>
        <source>That code is not right. Try again.</source>
        <translation>Taj kôd nije točan. Pokušajte ponovno.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Pogrešno korisničko ime ili lozinka.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Najprije se prijavite.</translation>
    </message>
    <message>
        <source>The server asked for a two-factor code but sent no token.</source>
        <translation>Poslužitelj je zatražio kôd za prijavu u dva koraka, ali nije poslao token.</translation>
    </message>
    <message>
        <source>Enter the code from your authenticator app.</source>
        <translation>Unesite kôd iz svoje aplikacije za autentifikaciju.</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>Vaša uloga to ne dopušta.</translation>
    </message>
    <message>
        <source>Your partner requires two-factor sign-in. Set it up first.</source>
        <translation>Vaš partner zahtijeva prijavu u dva koraka. Najprije je postavite.</translation>
    </message>
    <message>
        <source>Too many attempts. Try again in {seconds} s.</source>
        <translation>Previše pokušaja. Pokušajte ponovno za {seconds} s.</translation>
    </message>
    <message>
        <source>It no longer exists.</source>
        <translation>To više ne postoji.</translation>
    </message>
    <message>
        <source>The server no longer keeps the changes since the list was loaded.</source>
        <translation>Poslužitelj više ne čuva promjene od učitavanja popisa.</translation>
    </message>
    <message>
        <source>Someone else changed this customer since you opened it.</source>
        <translation>Netko drugi promijenio je ovog korisnika otkad ste ga otvorili.</translation>
    </message>
    <message>
        <source>This conflicts with the server&apos;s current state.</source>
        <translation>To se kosi s trenutačnim stanjem na poslužitelju.</translation>
    </message>
    <message>
        <source>Some fields are not valid.</source>
        <translation>Neka polja nisu ispravna.</translation>
    </message>
    <message>
        <source>The server failed to handle the request (HTTP {status}).</source>
        <translation>Poslužitelj nije uspio obraditi zahtjev (HTTP {status}).</translation>
    </message>
    <message>
        <source>The server failed to handle the request (HTTP {status}, request id {request_id}).</source>
        <translation>Poslužitelj nije uspio obraditi zahtjev (HTTP {status}, ID zahtjeva {request_id}).</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP {status}).</source>
        <translation>Poslužitelj je odbio zahtjev (HTTP {status}).</translation>
    </message>
    <message>
        <source>The server&apos;s customer list does not end (cursor loop).</source>
        <translation>Popis korisnika s poslužitelja nema kraja (petlja kursora).</translation>
    </message>
    <message>
        <source>The server sent the logo as {kind}, not as a PNG or JPEG image.</source>
        <translation>Poslužitelj je poslao logotip kao {kind}, a ne kao PNG ili JPEG sliku.</translation>
    </message>
    <message>
        <source>Enter the server address, like https://partner.example.com.</source>
        <translation>Unesite adresu poslužitelja, npr. https://partner.example.com.</translation>
    </message>
    <message>
        <source>{url} is not a server address.</source>
        <translation>{url} nije adresa poslužitelja.</translation>
    </message>
    <message>
        <source>The server address must start with https:// (not {scheme}://).</source>
        <translation>Adresa poslužitelja mora počinjati s https:// (a ne s {scheme}://).</translation>
    </message>
    <message>
        <source>{url} names no server.</source>
        <translation>{url} ne navodi poslužitelj.</translation>
    </message>
    <message>
        <source>Leave the user name and password out of the server address.</source>
        <translation>Ne upisujte korisničko ime i lozinku u adresu poslužitelja.</translation>
    </message>
    <message>
        <source>The server address cannot contain &apos;?&apos; or &apos;#&apos;.</source>
        <translation>Adresa poslužitelja ne smije sadržavati &apos;?&apos; ni &apos;#&apos;.</translation>
    </message>
    <message>
        <source>Refusing plain http:// to {host}: your password would cross the network unencrypted. Use https://.</source>
        <translation>Obični http:// prema {host} nije dopušten: Vaša bi lozinka putovala mrežom nešifrirana. Upotrijebite https://.</translation>
    </message>
    <message>
        <source>The operation failed; the server gave no reason.</source>
        <translation>Operacija nije uspjela; poslužitelj nije naveo razlog.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to {request} could not be read ({problem}).</source>
        <translation>Odgovor poslužitelja na {request} nije moguće pročitati ({problem}).</translation>
    </message>
    <message>
        <source>The server at {server} is not available just now ({status}).</source>
        <translation>Poslužitelj {server} trenutačno nije dostupan ({status}).</translation>
    </message>
    <message>
        <source>The server&apos;s answer to {request} is larger than {size} MiB; it was not read.</source>
        <translation>Odgovor poslužitelja na {request} veći je od {size} MiB; nije pročitan.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to {request} is damaged (it cannot be decompressed).</source>
        <translation>Odgovor poslužitelja na {request} je oštećen (ne može se dekomprimirati).</translation>
    </message>
    <message>
        <source>The connection to {server} was lost while reading its answer.</source>
        <translation>Veza s {server} prekinuta je tijekom čitanja odgovora.</translation>
    </message>
    <message>
        <source>The server at {server} did not answer in time.</source>
        <translation>Poslužitelj {server} nije odgovorio na vrijeme.</translation>
    </message>
    <message>
        <source>The connection to {server} is not secure: its certificate could not be verified. If your company uses its own certificate authority, ask your administrator for its CA bundle.</source>
        <translation>Veza s {server} nije sigurna: njegov certifikat nije moguće provjeriti. Ako Vaša tvrtka ima vlastito certifikacijsko tijelo, zatražite njegov CA paket od administratora.</translation>
    </message>
    <message>
        <source>The server at {server} could not be reached in time.</source>
        <translation>Poslužitelj {server} nije dosegnut na vrijeme.</translation>
    </message>
    <message>
        <source>The proxy server refused the connection to {server}.</source>
        <translation>Proxy poslužitelj odbio je vezu s {server}.</translation>
    </message>
    <message>
        <source>Could not reach the server at {server}.</source>
        <translation>Poslužitelj {server} nije dostupan.</translation>
    </message>
    <message>
        <source>Could not reach the server at {server}, or it closed the connection.</source>
        <translation>Poslužitelj {server} nije dostupan ili je zatvorio vezu.</translation>
    </message>
    <message>
        <source>The request to {server} failed ({kind}).</source>
        <translation>Zahtjev prema {server} nije uspio ({kind}).</translation>
    </message>
    <message>
        <source>The server&apos;s activity log does not end (cursor loop).</source>
        <translation>Dnevnik aktivnosti poslužitelja nema kraja (petlja kursora).</translation>
    </message>
</context>
<context>
    <name>BillableServices</name>
    <message>
        <source>Services and monthly prices</source>
        <translation>Usluge i mjesečne cijene</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Usluga</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Mjesečno</translation>
    </message>
    <message>
        <source>Loading services…</source>
        <translation>Učitavanje usluga…</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Usluge</translation>
    </message>
    <message>
        <source>Monthly total</source>
        <translation>Ukupno mjesečno</translation>
    </message>
    <message>
        <source>This customer has no services: nothing is billed.</source>
        <translation>Ovaj korisnik nema usluga: ništa se ne naplaćuje.</translation>
    </message>
    <message>
        <source>Could not load the services: {reason}</source>
        <translation>Usluge nije moguće učitati: {reason}</translation>
    </message>
</context>
<context>
    <name>BrandingCalls</name>
    <message>
        <source>The logo on the server is damaged and cannot be shown.</source>
        <translation>Logotip na poslužitelju je oštećen i ne može se prikazati.</translation>
    </message>
    <message>
        <source>The server refused the logo: it is larger than {max} MB.</source>
        <translation>Poslužitelj je odbio logotip: veći je od {max} MB.</translation>
    </message>
    <message>
        <source>The server refused the logo: it is not a PNG or JPEG image.</source>
        <translation>Poslužitelj je odbio logotip: nije PNG ni JPEG slika.</translation>
    </message>
    <message>
        <source>It is damaged, or larger than {max} px a side.</source>
        <translation>Oštećen je ili mu je stranica veća od {max} px.</translation>
    </message>
    <message>
        <source>The server refused the logo. {reason}</source>
        <translation>Poslužitelj je odbio logotip. {reason}</translation>
    </message>
    <message>
        <source>The logo was not uploaded: {reason}</source>
        <translation>Logotip nije prenesen: {reason}</translation>
    </message>
    <message>
        <source>The logo was not uploaded: something unexpected went wrong ({kind}).</source>
        <translation>Logotip nije prenesen: dogodila se neočekivana pogreška ({kind}).</translation>
    </message>
</context>
<context>
    <name>BrandingPage</name>
    <message>
        <source>Branding</source>
        <translation>Brendiranje</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Branding&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Brendiranje&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Your logo appears in your customers&apos; control panel and in this app&apos;s sidebar. Use a PNG or JPEG of at most {bytes} MB and {side} px a side; a wide logo on a transparent background looks best.</source>
        <translation>Vaš se logotip prikazuje na upravljačkoj ploči Vaših korisnika i na bočnoj traci ove aplikacije. Upotrijebite PNG ili JPEG od najviše {bytes} MB i {side} px po stranici; najbolje izgleda širok logotip na prozirnoj pozadini.</translation>
    </message>
    <message>
        <source>Upload Logo…</source>
        <translation>Prenesi logotip…</translation>
    </message>
    <message>
        <source>Upload a logo</source>
        <translation>Prenesi logotip</translation>
    </message>
    <message>
        <source>Choose a PNG or JPEG file; it is checked before it is sent.</source>
        <translation>Odaberite PNG ili JPEG datoteku; provjerava se prije slanja.</translation>
    </message>
    <message>
        <source>Remove Logo</source>
        <translation>Ukloni logotip</translation>
    </message>
    <message>
        <source>Remove the logo</source>
        <translation>Ukloni logotip</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>U tijeku</translation>
    </message>
    <message>
        <source>Logo message</source>
        <translation>Poruka o logotipu</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({kind}).</source>
        <translation>Dogodila se neočekivana pogreška ({kind}).</translation>
    </message>
    <message>
        <source>Choose Your Logo</source>
        <translation>Odaberite svoj logotip</translation>
    </message>
    <message>
        <source>Choose your logo</source>
        <translation>Odaberite svoj logotip</translation>
    </message>
    <message>
        <source>PNG or JPEG images (*.png *.jpg *.jpeg)</source>
        <translation>PNG ili JPEG slike (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Sve datoteke (*)</translation>
    </message>
    <message>
        <source>Checking “{name}”…</source>
        <translation>Provjera datoteke „{name}”…</translation>
    </message>
    <message>
        <source>Uploading “{name}”…</source>
        <translation>Prijenos datoteke „{name}”…</translation>
    </message>
    <message>
        <source>“{name}” is your logo now. The server stored it as {facts}.</source>
        <translation>„{name}” sada je Vaš logotip. Poslužitelj ga je spremio kao {facts}.</translation>
    </message>
    <message>
        <source>{reason} Nothing was uploaded.</source>
        <translation>{reason} Ništa nije preneseno.</translation>
    </message>
    <message>
        <source>Remove your logo?</source>
        <translation>Ukloniti Vaš logotip?</translation>
    </message>
    <message>
        <source>Your customers&apos; control panel and this app&apos;s sidebar will show no logo.</source>
        <translation>Upravljačka ploča Vaših korisnika i bočna traka ove aplikacije neće prikazivati logotip.</translation>
    </message>
    <message>
        <source>Keep Logo</source>
        <translation>Zadrži logotip</translation>
    </message>
    <message>
        <source>Keep the logo</source>
        <translation>Zadrži logotip</translation>
    </message>
    <message>
        <source>Removing your logo…</source>
        <translation>Uklanjanje logotipa…</translation>
    </message>
    <message>
        <source>Your logo is removed.</source>
        <translation>Vaš je logotip uklonjen.</translation>
    </message>
    <message>
        <source>The logo was not removed: {r}</source>
        <translation>Logotip nije uklonjen: {r}</translation>
    </message>
</context>
<context>
    <name>BulkBillable</name>
    <message>
        <source>Monthly total</source>
        <translation>Ukupno mjesečno</translation>
    </message>
    <message>
        <source>Not added up for more than {limit} customers: asking the server for each one&apos;s services would keep you waiting. Each customer&apos;s Services tab shows what stays billable.</source>
        <translation>Ne zbraja se za više od {limit} korisnika: traženje usluga svakog korisnika s poslužitelja predugo bi trajalo. Kartica Usluge svakog korisnika pokazuje što se i dalje naplaćuje.</translation>
    </message>
    <message>
        <source>Adding up their services…</source>
        <translation>Zbrajanje njihovih usluga…</translation>
    </message>
    <message>
        <source>Adding up their services… {done} of {count}</source>
        <translation>Zbrajanje njihovih usluga… {done} od {count}</translation>
    </message>
    <message>
        <source>None of these customers is billed for anything.</source>
        <translation>Nijednom od ovih korisnika ništa se ne naplaćuje.</translation>
    </message>
    <message>
        <source>Billed per month while suspended:</source>
        <translation>Mjesečno se naplaćuje tijekom suspenzije:</translation>
    </message>
    <message>
        <source>Could not add up their services: {reason}</source>
        <translation>Njihove usluge nije moguće zbrojiti: {reason}</translation>
    </message>
</context>
<context>
    <name>BulkConfirmDialog</name>
    <message>
        <source>Suspend customers</source>
        <translation>Suspendiraj korisnike</translation>
    </message>
    <message>
        <source>Suspend Customers</source>
        <translation>Suspendiraj korisnike</translation>
    </message>
    <message>
        <source>Suspend 1 customer?</source>
        <translation>Suspendirati 1 korisnika?</translation>
    </message>
    <message>
        <source>Suspending stops each customer&apos;s services and blocks their control panel until you re-enable the account.</source>
        <translation>Suspenzija zaustavlja usluge svakog korisnika i blokira njegovu upravljačku ploču dok ponovno ne aktivirate račun.</translation>
    </message>
    <message>
        <source>Re-enable customers</source>
        <translation>Ponovno aktiviraj korisnike</translation>
    </message>
    <message>
        <source>Re-enable Customers</source>
        <translation>Ponovno aktiviraj korisnike</translation>
    </message>
    <message>
        <source>Re-enable 1 customer?</source>
        <translation>Ponovno aktivirati 1 korisnika?</translation>
    </message>
    <message numerus="yes">
        <source>Suspend %n customers?</source>
        <translation>
            <numerusform>Suspendirati %n korisnika?</numerusform>
            <numerusform>Suspendirati %n korisnika?</numerusform>
            <numerusform>Suspendirati %n korisnika?</numerusform>
        </translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Što će se dogoditi</translation>
    </message>
    <message numerus="yes">
        <source>Re-enable %n customers?</source>
        <translation>
            <numerusform>Ponovno aktivirati %n korisnika?</numerusform>
            <numerusform>Ponovno aktivirati %n korisnika?</numerusform>
            <numerusform>Ponovno aktivirati %n korisnika?</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-enabling starts each customer&apos;s services again and opens their control panel.</source>
        <translation>Ponovna aktivacija ponovno pokreće usluge svakog korisnika i otvara njegovu upravljačku ploču.</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Što učiniti</translation>
    </message>
    <message>
        <source>Customers it is sent for</source>
        <translation>Korisnici za koje se šalje</translation>
    </message>
    <message>
        <source>C&amp;ustomers ({n})</source>
        <translation>&amp;Korisnici ({n})</translation>
    </message>
    <message>
        <source>{name}: {why}</source>
        <translation>{name}: {why}</translation>
    </message>
    <message>
        <source>Skipped customers and why</source>
        <translation>Preskočeni korisnici i razlog</translation>
    </message>
    <message>
        <source>S&amp;kipped ({n}): nothing is sent for these</source>
        <translation>&amp;Preskočeni ({n}): za njih se ništa ne šalje</translation>
    </message>
    <message>
        <source>&amp;Reason, recorded for each of them</source>
        <translation>&amp;Razlog, bilježi se za svakog od njih</translation>
    </message>
    <message>
        <source>&lt;b&gt;Their services stay billable while they are suspended&lt;/b&gt;</source>
        <translation>&lt;b&gt;Njihove se usluge i dalje naplaćuju dok su suspendirani&lt;/b&gt;</translation>
    </message>
    <message>
        <source>They are billed until you remove them on each customer&apos;s Services tab: suspending does not stop billing.</source>
        <translation>Naplaćuju se dok ih ne uklonite na kartici Usluge svakog korisnika: suspenzija ne zaustavlja naplatu.</translation>
    </message>
    <message>
        <source>Suspend 1 Account</source>
        <translation>Suspendiraj 1 račun</translation>
    </message>
    <message numerus="yes">
        <source>Suspend %n Accounts</source>
        <translation>
            <numerusform>Suspendiraj %n račun</numerusform>
            <numerusform>Suspendiraj %n računa</numerusform>
            <numerusform>Suspendiraj %n računa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suspend %n accounts</source>
        <translation>
            <numerusform>Suspendiraj %n račun</numerusform>
            <numerusform>Suspendiraj %n računa</numerusform>
            <numerusform>Suspendiraj %n računa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-enable %n Accounts</source>
        <translation>
            <numerusform>Ponovno aktiviraj %n račun</numerusform>
            <numerusform>Ponovno aktiviraj %n računa</numerusform>
            <numerusform>Ponovno aktiviraj %n računa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-enable %n accounts</source>
        <translation>
            <numerusform>Ponovno aktiviraj %n račun</numerusform>
            <numerusform>Ponovno aktiviraj %n računa</numerusform>
            <numerusform>Ponovno aktiviraj %n računa</numerusform>
        </translation>
    </message>
    <message>
        <source>Re-enable 1 Account</source>
        <translation>Ponovno aktiviraj 1 račun</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Cancel: send nothing</source>
        <translation>Odustani: ništa se ne šalje</translation>
    </message>
    <message>
        <source>They will be re-enabled on {when}.</source>
        <translation>Bit će ponovno aktivirani {when}.</translation>
    </message>
    <message>
        <source>They will be suspended on {when}.</source>
        <translation>Bit će suspendirani {when}.</translation>
    </message>
    <message>
        <source>They will be re-enabled automatically on {when}.</source>
        <translation>Automatski će se ponovno aktivirati {when}.</translation>
    </message>
    <message>
        <source>Schedule 1 Suspension</source>
        <translation>Zakaži 1 suspenziju</translation>
    </message>
    <message numerus="yes">
        <source>Schedule %n Suspensions</source>
        <translation>
            <numerusform>Zakaži %n suspenziju</numerusform>
            <numerusform>Zakaži %n suspenzije</numerusform>
            <numerusform>Zakaži %n suspenzija</numerusform>
        </translation>
    </message>
    <message>
        <source>Schedule 1 Re-enable</source>
        <translation>Zakaži 1 ponovnu aktivaciju</translation>
    </message>
    <message numerus="yes">
        <source>Schedule %n Re-enables</source>
        <translation>
            <numerusform>Zakaži %n ponovnu aktivaciju</numerusform>
            <numerusform>Zakaži %n ponovne aktivacije</numerusform>
            <numerusform>Zakaži %n ponovnih aktivacija</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}  ·  Account {number}</source>
        <translation>{name}  ·  Račun {number}</translation>
    </message>
    <message>
        <source>None of the selected customers can be changed this way.</source>
        <translation>Nijedan od odabranih korisnika ne može se ovako promijeniti.</translation>
    </message>
</context>
<context>
    <name>BulkPlanWords</name>
    <message>
        <source>another operation on this customer is still running</source>
        <translation>druga operacija na ovom korisniku još je u tijeku</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>otkazan</translation>
    </message>
    <message>
        <source>already suspended</source>
        <translation>već suspendiran</translation>
    </message>
    <message>
        <source>not suspended</source>
        <translation>nije suspendiran</translation>
    </message>
</context>
<context>
    <name>BulkProgressDialog</name>
    <message>
        <source>Bulk suspend</source>
        <translation>Skupna suspenzija</translation>
    </message>
    <message>
        <source>Bulk re-enable</source>
        <translation>Skupna ponovna aktivacija</translation>
    </message>
    <message>
        <source>Suspend Customers</source>
        <translation>Suspendiraj korisnike</translation>
    </message>
    <message>
        <source>Re-enable Customers</source>
        <translation>Ponovno aktiviraj korisnike</translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation>Što se događa</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Razlog</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Razlog: {reason}</translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation>Ukupni napredak</translation>
    </message>
    <message>
        <source>Customers and their state</source>
        <translation>Korisnici i njihovo stanje</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Korisnik</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Račun</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stanje</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sažetak</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <source>This window stays open until the server confirms every customer.</source>
        <translation>Ovaj prozor ostaje otvoren dok poslužitelj ne potvrdi svakog korisnika.</translation>
    </message>
    <message>
        <source>{name}: {state}</source>
        <translation>{name}: {state}</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>Gotovo {done} od {total}</translation>
    </message>
</context>
<context>
    <name>BulkRun</name>
    <message>
        <source>another operation on this customer is still running</source>
        <translation>druga operacija na ovom korisniku još je u tijeku</translation>
    </message>
    <message>
        <source>Not sent: Partner Desk is signing out or quitting.</source>
        <translation>Nije poslano: Partner Desk se odjavljuje ili zatvara.</translation>
    </message>
    <message>
        <source>The server gave no reason.</source>
        <translation>Poslužitelj nije naveo razlog.</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Nije poslano: {reason}</translation>
    </message>
    <message>
        <source>No longer followed; the server finishes it on its own.</source>
        <translation>Više se ne prati; poslužitelj će to sam dovršiti.</translation>
    </message>
</context>
<context>
    <name>BulkWords</name>
    <message>
        <source>Waiting</source>
        <translation>Čeka</translation>
    </message>
    <message>
        <source>{doing} taking longer than usual</source>
        <translation>{doing} traje dulje nego obično</translation>
    </message>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Zakazano za {when}</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>Nije uspjelo: {reason}</translation>
    </message>
    <message>
        <source>Skipped: {why}</source>
        <translation>Preskočeno: {why}</translation>
    </message>
    <message>
        <source>Sent: {detail}</source>
        <translation>Poslano: {detail}</translation>
    </message>
    <message>
        <source>Scheduled the suspension of {ok} of {total} customers</source>
        <translation>Zakazana suspenzija za {ok} od {total} korisnika</translation>
    </message>
    <message>
        <source>Scheduled the re-enable of {ok} of {total} customers</source>
        <translation>Zakazana ponovna aktivacija za {ok} od {total} korisnika</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n nije uspio</numerusform>
            <numerusform>%n nisu uspjela</numerusform>
            <numerusform>%n nije uspjelo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n preskočen</numerusform>
            <numerusform>%n preskočena</numerusform>
            <numerusform>%n preskočeno</numerusform>
        </translation>
    </message>
    <message>
        <source>Taking longer than usual: {names}. The server keeps working on them; the customer list shows each result when it ends.</source>
        <translation>Traje dulje nego obično: {names}. Poslužitelj nastavlja raditi na njima; popis korisnika prikazat će svaki rezultat kad završi.</translation>
    </message>
    <message>
        <source>No longer followed: {names}. The server finishes them on its own.</source>
        <translation>Više se ne prati: {names}. Poslužitelj će ih sam dovršiti.</translation>
    </message>
    <message>
        <source>The server confirmed every one.</source>
        <translation>Poslužitelj je potvrdio sve.</translation>
    </message>
    <message>
        <source>Scheduled for {when}: {names}.</source>
        <translation>Zakazano za {when}: {names}.</translation>
    </message>
    <message>
        <source>Each is re-enabled automatically on {when}.</source>
        <translation>Svaki se automatski ponovno aktivira {when}.</translation>
    </message>
    <message>
        <source>The server runs each at its time, also while Partner Desk is closed; the customer list shows what is scheduled.</source>
        <translation>Poslužitelj svaku izvodi u njezino vrijeme, i dok je Partner Desk zatvoren; popis korisnika pokazuje što je zakazano.</translation>
    </message>
</context>
<context>
    <name>CancelConfirmDialog</name>
    <message>
        <source>Cancel customer</source>
        <translation>Otkaži korisnika</translation>
    </message>
    <message>
        <source>Cancel Customer</source>
        <translation>Otkaži korisnika</translation>
    </message>
    <message>
        <source>Cancel {name}?</source>
        <translation>Otkazati korisnika {name}?</translation>
    </message>
    <message>
        <source>&lt;b&gt;Every service below is removed and stops being billed at once.&lt;/b&gt; The customer&apos;s control panel is blocked. You can undo this for {days} days with Restore Customer.</source>
        <translation>&lt;b&gt;Sve usluge u nastavku odmah se uklanjaju i prestaju se naplaćivati.&lt;/b&gt; Upravljačka ploča korisnika blokira se. To možete poništiti još {days} dana naredbom Vrati korisnika.</translation>
    </message>
    <message>
        <source>Billing that stops per month:</source>
        <translation>Mjesečna naplata koja prestaje:</translation>
    </message>
    <message>
        <source>Customer request</source>
        <translation>Zahtjev korisnika</translation>
    </message>
    <message>
        <source>Non-payment</source>
        <translation>Neplaćanje</translation>
    </message>
    <message>
        <source>Moved to another provider</source>
        <translation>Prešao drugom pružatelju</translation>
    </message>
    <message>
        <source>Fraud</source>
        <translation>Prijevara</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Drugo</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Razlog</translation>
    </message>
    <message>
        <source>To confirm, type the account number &lt;b&gt;{number}&lt;/b&gt;:</source>
        <translation>Za potvrdu upišite broj računa &lt;b&gt;{number}&lt;/b&gt;:</translation>
    </message>
    <message>
        <source>Account number, to confirm</source>
        <translation>Broj računa, za potvrdu</translation>
    </message>
    <message>
        <source>Type {number} to enable Cancel Account</source>
        <translation>Upišite {number} da omogućite Otkaži račun</translation>
    </message>
    <message>
        <source>Cancel Account</source>
        <translation>Otkaži račun</translation>
    </message>
    <message>
        <source>Cancel account</source>
        <translation>Otkaži račun</translation>
    </message>
    <message>
        <source>Keep Customer</source>
        <translation>Zadrži korisnika</translation>
    </message>
    <message>
        <source>Keep the customer: send nothing</source>
        <translation>Zadrži korisnika: ništa se ne šalje</translation>
    </message>
    <message>
        <source>Type the account number exactly to enable Cancel Account.</source>
        <translation>Upišite točan broj računa da omogućite Otkaži račun.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordForm</name>
    <message>
        <source>Password</source>
        <translation>Lozinka</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Trenutna lozinka</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nova lozinka</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Ponovite novu lozinku</translation>
    </message>
    <message>
        <source>C&amp;hange Password</source>
        <translation>Pro&amp;mijeni lozinku</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Promijeni lozinku</translation>
    </message>
    <message>
        <source>Password change</source>
        <translation>Promjena lozinke</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>&amp;Trenutna lozinka:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nova lozinka:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>&amp;Ponovite novu lozinku:</translation>
    </message>
    <message>
        <source>Password problem</source>
        <translation>Problem s lozinkom</translation>
    </message>
    <message>
        <source>At least {n} characters.</source>
        <translation>Barem {n} znakova.</translation>
    </message>
    <message>
        <source>The two new passwords do not match.</source>
        <translation>Dvije nove lozinke nisu iste.</translation>
    </message>
    <message>
        <source>At least {n} characters; not a common password.</source>
        <translation>Barem {n} znakova; ne česta lozinka.</translation>
    </message>
    <message>
        <source>✓ Long enough, and the two match.</source>
        <translation>✓ Dovoljno duga, i obje su iste.</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>Mijenjanje…</translation>
    </message>
    <message>
        <source>Your password was changed. Your other sessions were signed out; this one goes on.</source>
        <translation>Lozinka je promijenjena. Vaše su ostale sesije odjavljene; ova se nastavlja.</translation>
    </message>
    <message>
        <source>That is not your current password.</source>
        <translation>To nije vaša trenutna lozinka.</translation>
    </message>
</context>
<context>
    <name>CodeStep</name>
    <message>
        <source>Two-factor code</source>
        <translation>Kôd za prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Code problem</source>
        <translation>Problem s kôdom</translation>
    </message>
    <message>
        <source>Use a recovery code</source>
        <translation>Upotrijebi kôd za oporavak</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Natrag</translation>
    </message>
    <message>
        <source>Back to the password</source>
        <translation>Natrag na lozinku</translation>
    </message>
    <message>
        <source>Enter one of your recovery codes.</source>
        <translation>Unesite jedan od svojih kôdova za oporavak.</translation>
    </message>
    <message>
        <source>Enter the six digits your authenticator app shows.</source>
        <translation>Unesite šest znamenki koje prikazuje vaša aplikacija za autentifikaciju.</translation>
    </message>
    <message>
        <source>Enter one of the recovery codes you saved when you set up two-factor.</source>
        <translation>Unesite jedan od kôdova za oporavak koje ste spremili kad ste postavili prijavu u dva koraka.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Kôd za oporavak</translation>
    </message>
    <message>
        <source>Each recovery code works once.</source>
        <translation>Svaki kôd za oporavak vrijedi jednom.</translation>
    </message>
    <message>
        <source>Use the code from the app instead</source>
        <translation>Upotrijebi kôd iz aplikacije</translation>
    </message>
    <message>
        <source>Use the authenticator app&apos;s code</source>
        <translation>Upotrijebi kôd iz aplikacije za autentifikaciju</translation>
    </message>
    <message>
        <source>Enter the six-digit code that your authenticator app shows.</source>
        <translation>Unesite šesteroznamenkasti kôd koji prikazuje vaša aplikacija za autentifikaciju.</translation>
    </message>
    <message>
        <source>A new code appears every 30 seconds.</source>
        <translation>Novi se kôd pojavljuje svakih 30 sekundi.</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Customer</source>
        <translation>Korisnik</translation>
    </message>
    <message>
        <source>Account {number}</source>
        <translation>Račun {number}</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Račun</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Što nedostaje</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Changed by someone else</source>
        <translation>Promijenio netko drugi</translation>
    </message>
    <message>
        <source>&lt;b&gt;Someone else saved {name} while you were editing.&lt;/b&gt;&lt;br&gt;For each field you changed, keep your edit or take the value now on the server. Values in bold were changed on the server after you opened the customer.</source>
        <translation>&lt;b&gt;Netko drugi spremio je korisnika {name} dok ste ga uređivali.&lt;/b&gt;&lt;br&gt;Za svako polje koje ste promijenili zadržite svoju izmjenu ili preuzmite vrijednost koja je sada na poslužitelju. Podebljane vrijednosti promijenjene su na poslužitelju nakon što ste otvorili korisnika.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Polje</translation>
    </message>
    <message>
        <source>Your edit</source>
        <translation>Vaša izmjena</translation>
    </message>
    <message>
        <source>On the server now</source>
        <translation>Sada na poslužitelju</translation>
    </message>
    <message>
        <source>Other fields changed on the server</source>
        <translation>Ostala polja promijenjena na poslužitelju</translation>
    </message>
    <message>
        <source>Also changed on the server, and taken as they are: {fields}.</source>
        <translation>Također promijenjeno na poslužitelju i preuzeto kako jest: {fields}.</translation>
    </message>
    <message>
        <source>Keep All Mine</source>
        <translation>Zadrži sve moje</translation>
    </message>
    <message>
        <source>Keep all mine</source>
        <translation>Zadrži sve moje</translation>
    </message>
    <message>
        <source>Take All Theirs</source>
        <translation>Preuzmi sve njihovo</translation>
    </message>
    <message>
        <source>Take all theirs</source>
        <translation>Preuzmi sve njihovo</translation>
    </message>
    <message>
        <source>Save Merged</source>
        <translation>Spremi spojeno</translation>
    </message>
    <message>
        <source>Save merged</source>
        <translation>Spremi spojeno</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>your edit</source>
        <translation>Vaša izmjena</translation>
    </message>
    <message>
        <source>value on the server</source>
        <translation>vrijednost na poslužitelju</translation>
    </message>
    <message>
        <source>{field}: keep your edit</source>
        <translation>{field}: zadrži Vašu izmjenu</translation>
    </message>
    <message>
        <source>{field}: take the server&apos;s value</source>
        <translation>{field}: preuzmi vrijednost s poslužitelja</translation>
    </message>
    <message>
        <source>Changed on the server since you opened it.
{value}</source>
        <translation>Promijenjeno na poslužitelju otkad ste ga otvorili.
{value}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(prazno)</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Connection</source>
        <translation>Veza</translation>
    </message>
    <message>
        <source>Restart Demo Server</source>
        <translation>Ponovno pokreni demo poslužitelj</translation>
    </message>
    <message>
        <source>Restart demo server</source>
        <translation>Ponovno pokreni demo poslužitelj</translation>
    </message>
    <message>
        <source>Starts the demo server again, with the demo data as it was.</source>
        <translation>Ponovno pokreće demo poslužitelj, s demo podacima kakvi su bili.</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Pokretanje demo poslužitelja…</translation>
    </message>
    <message>
        <source>Demo server stopped</source>
        <translation>Demo poslužitelj je zaustavljen</translation>
    </message>
    <message>
        <source>The demo server that Partner Desk started on this computer has stopped. Restart it to go on: the demo data is kept.</source>
        <translation>Demo poslužitelj koji je Partner Desk pokrenuo na ovom računalu zaustavio se. Pokrenite ga ponovno za nastavak: demo podaci su sačuvani.</translation>
    </message>
    <message>
        <source>Could not restart the demo server</source>
        <translation>Demo poslužitelj nije moguće ponovno pokrenuti</translation>
    </message>
    <message>
        <source>The customer list may be out of date: changes made by others since then appear once the connection is back.</source>
        <translation>Popis korisnika možda nije ažuran: promjene koje su drugi napravili u međuvremenu pojavit će se kad se veza vrati.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Uživo</translation>
    </message>
    <message>
        <source>Changes made by others appear here as they happen.</source>
        <translation>Promjene koje naprave drugi pojavljuju se ovdje čim se dogode.</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Povezano</translation>
    </message>
    <message>
        <source>Offline since {time}</source>
        <translation>Izvan mreže od {time}</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Ponovno povezivanje…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Povezivanje…</translation>
    </message>
</context>
<context>
    <name>ControlPanelLogin</name>
    <message>
        <source>Customer is suspended</source>
        <translation>Korisnik je suspendiran</translation>
    </message>
    <message>
        <source>{name} is suspended.</source>
        <translation>Korisnik {name} je suspendiran.</translation>
    </message>
    <message>
        <source>Their services are stopped, so the control panel may not show what the customer normally sees. Log in anyway?</source>
        <translation>Njegove su usluge zaustavljene pa upravljačka ploča možda neće prikazati ono što korisnik inače vidi. Ipak se prijaviti?</translation>
    </message>
    <message>
        <source>Customer is canceled</source>
        <translation>Korisnik je otkazan</translation>
    </message>
    <message>
        <source>{name} is canceled.</source>
        <translation>Korisnik {name} je otkazan.</translation>
    </message>
    <message>
        <source>Cancelling blocks the customer&apos;s control panel, so the link will most likely be refused. Try anyway?</source>
        <translation>Otkazivanje blokira upravljačku ploču korisnika pa će poveznica najvjerojatnije biti odbijena. Ipak pokušati?</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Nastavi</translation>
    </message>
    <message>
        <source>Continue to the control panel</source>
        <translation>Nastavi na upravljačku ploču</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>The server sent a control panel address that is not a web page.</source>
        <translation>Poslužitelj je poslao adresu upravljačke ploče koja nije web-stranica.</translation>
    </message>
    <message>
        <source>Could not get a control panel link: {reason}</source>
        <translation>Poveznicu na upravljačku ploču nije moguće dobiti: {reason}</translation>
    </message>
</context>
<context>
    <name>CountryPicker</name>
    <message>
        <source>Type a country or its code</source>
        <translation>Upišite državu ili njezinu oznaku</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>No system keyring found: your password is kept in memory for this session only.</source>
        <translation>Sustavni spremnik lozinki nije pronađen: lozinka se čuva u memoriji samo tijekom ove sesije.</translation>
    </message>
    <message>
        <source>Saved in {backend}</source>
        <translation>Sprema se u {backend}</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV datoteke (*.csv);;Sve datoteke (*)</translation>
    </message>
    <message>
        <source>Export stopped; nothing was saved.</source>
        <translation>Izvoz je zaustavljen; ništa nije spremljeno.</translation>
    </message>
    <message>
        <source>Export failed; nothing was saved.</source>
        <translation>Izvoz nije uspio; ništa nije spremljeno.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Izvoz nije uspio</translation>
    </message>
</context>
<context>
    <name>CurrentLogoView</name>
    <message>
        <source>Current logo</source>
        <translation>Trenutačni logotip</translation>
    </message>
    <message>
        <source>Loading your logo…</source>
        <translation>Učitavanje Vašeg logotipa…</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Učitavanje</translation>
    </message>
    <message>
        <source>No logo yet</source>
        <translation>Još nema logotipa</translation>
    </message>
    <message>
        <source>Upload your logo and your customers see it in their control panel; you see it here, in the sidebar.</source>
        <translation>Prenesite svoj logotip i Vaši će ga korisnici vidjeti na svojoj upravljačkoj ploči, a Vi ovdje, na bočnoj traci.</translation>
    </message>
    <message>
        <source>Your logo could not be loaded</source>
        <translation>Vaš logotip nije moguće učitati</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Pokušaj ponovno</translation>
    </message>
    <message>
        <source>Load again</source>
        <translation>Učitaj ponovno</translation>
    </message>
    <message>
        <source>Your logo</source>
        <translation>Vaš logotip</translation>
    </message>
    <message>
        <source>Logo format and size</source>
        <translation>Format i veličina logotipa</translation>
    </message>
    <message>
        <source>{facts} · shown smaller here</source>
        <translation>{facts} · ovdje prikazan umanjeno</translation>
    </message>
</context>
<context>
    <name>CustomerContextMenu</name>
    <message>
        <source>&amp;Edit Customer…</source>
        <translation>&amp;Uredi korisnika…</translation>
    </message>
    <message>
        <source>&amp;Log into Customer&apos;s Control Panel</source>
        <translation>&amp;Prijava u upravljačku ploču korisnika</translation>
    </message>
    <message>
        <source>Opens a one-time link in your web browser</source>
        <translation>Otvara jednokratnu poveznicu u Vašem web-pregledniku</translation>
    </message>
    <message>
        <source>Customer actions</source>
        <translation>Radnje s korisnikom</translation>
    </message>
    <message>
        <source>Show &amp;Activity</source>
        <translation>Prikaži &amp;aktivnost</translation>
    </message>
    <message>
        <source>Who did what to this customer, on the Activity page</source>
        <translation>Tko je što učinio ovom korisniku, na stranici Aktivnost</translation>
    </message>
    <message>
        <source>Opening Control Panel…</source>
        <translation>Otvaranje upravljačke ploče…</translation>
    </message>
    <message>
        <source>Control panel</source>
        <translation>Upravljačka ploča</translation>
    </message>
    <message>
        <source>Control panel link failed</source>
        <translation>Poveznica na upravljačku ploču nije uspjela</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer details</source>
        <translation>Podaci o korisniku</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Naziv korisnika</translation>
    </message>
    <message>
        <source>Account number and domain</source>
        <translation>Broj računa i domena</translation>
    </message>
    <message>
        <source>Customer sections</source>
        <translation>Odjeljci korisnika</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Općenito</translation>
    </message>
    <message>
        <source>Ser&amp;vices</source>
        <translation>&amp;Usluge</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>Po&amp;vijest</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Spremanje</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Poruka</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spremi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <source>Opened {name}&apos;s control panel in your browser.</source>
        <translation>Upravljačka ploča korisnika {name} otvorena je u Vašem pregledniku.</translation>
    </message>
    <message>
        <source>New Customer</source>
        <translation>Novi korisnik</translation>
    </message>
    <message>
        <source>Only the account name is required.</source>
        <translation>Obavezan je samo naziv računa.</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Stvori</translation>
    </message>
    <message>
        <source>Edit Customer — {name}</source>
        <translation>Uređivanje korisnika — {name}</translation>
    </message>
    <message>
        <source>Account {number}</source>
        <translation>Račun {number}</translation>
    </message>
    <message>
        <source>Wait until the server confirms the operation.</source>
        <translation>Pričekajte da poslužitelj potvrdi operaciju.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Spremanje…</translation>
    </message>
    <message>
        <source>Nothing to save yet.</source>
        <translation>Još nema ničega za spremanje.</translation>
    </message>
    <message>
        <source>Fix the fields marked in red first.</source>
        <translation>Najprije ispravite polja označena crvenom bojom.</translation>
    </message>
    <message>
        <source>Save the changes (Ctrl+S).</source>
        <translation>Spremi promjene (Ctrl+S).</translation>
    </message>
    <message>
        <source>Saving changes…</source>
        <translation>Spremanje promjena…</translation>
    </message>
    <message>
        <source>This window stays open until the server confirms.</source>
        <translation>Ovaj prozor ostaje otvoren dok poslužitelj ne potvrdi.</translation>
    </message>
</context>
<context>
    <name>CustomerExport</name>
    <message numerus="yes">
        <source>Exporting %Ln customers…</source>
        <translation>
            <numerusform>Izvoz %Ln korisnika…</numerusform>
            <numerusform>Izvoz %Ln korisnika…</numerusform>
            <numerusform>Izvoz %Ln korisnika…</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting… %1 of %2 customers</source>
        <translation>Izvoz… %1 od %2 korisnika</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln customers to %1.</source>
        <translation>
            <numerusform>Izvezen je %Ln korisnik u %1.</numerusform>
            <numerusform>Izvezena su %Ln korisnika u %1.</numerusform>
            <numerusform>Izvezeno je %Ln korisnika u %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The customers could not be saved to
%1

%2

Choose another folder.</source>
        <translation>Korisnike nije moguće spremiti u
%1

%2

Odaberite drugu mapu.</translation>
    </message>
    <message>
        <source>The list was reloaded during the export; nothing was saved.</source>
        <translation>Popis je ponovno učitan tijekom izvoza; ništa nije spremljeno.</translation>
    </message>
    <message>
        <source>Export Customers</source>
        <translation>Izvoz korisnika</translation>
    </message>
    <message>
        <source>customers-%1.csv</source>
        <translation>korisnici-%1.csv</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>Account</source>
        <translation>Račun</translation>
    </message>
    <message>
        <source>Account &amp;name:</source>
        <translation>&amp;Naziv računa:</translation>
    </message>
    <message>
        <source>Account n&amp;umber:</source>
        <translation>&amp;Broj računa:</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Kontakt:</translation>
    </message>
    <message>
        <source>Reaching them</source>
        <translation>Kontakt podaci</translation>
    </message>
    <message>
        <source>Support &amp;email:</source>
        <translation>&amp;E-pošta za podršku:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Web-stranica:</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresa</translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation>Uli&amp;ca:</translation>
    </message>
    <message>
        <source>P&amp;ostal code:</source>
        <translation>Poštanski bro&amp;j:</translation>
    </message>
    <message>
        <source>Cit&amp;y:</source>
        <translation>&amp;Grad:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Regija:</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>Domene</translation>
    </message>
    <message>
        <source>Primary &amp;domain:</source>
        <translation>Primarna do&amp;mena:</translation>
    </message>
    <message>
        <source>Problem with {field}</source>
        <translation>Problem s poljem {field}</translation>
    </message>
    <message>
        <source>Coun&amp;try:</source>
        <translation>&amp;Država:</translation>
    </message>
    <message>
        <source>One per line, or separated by commas</source>
        <translation>Jedna po retku ili odvojene zarezima</translation>
    </message>
    <message>
        <source>&amp;Alias domains:</source>
        <translation>&amp;Alias domene:</translation>
    </message>
    <message>
        <source>Assigned when saved</source>
        <translation>Dodjeljuje se pri spremanju</translation>
    </message>
</context>
<context>
    <name>CustomerLiveNews</name>
    <message>
        <source>Changed on the server</source>
        <translation>Promijenjeno na poslužitelju</translation>
    </message>
    <message>
        <source>What changed on the server</source>
        <translation>Što se promijenilo na poslužitelju</translation>
    </message>
    <message>
        <source>{who} changed {fields} at {time}.</source>
        <translation>{who} je u {time} promijenio/la: {fields}.</translation>
    </message>
    <message>
        <source>{fields} changed on the server at {time}.</source>
        <translation>Na poslužitelju je u {time} promijenjeno: {fields}.</translation>
    </message>
    <message>
        <source>What you typed in {fields} is kept: Save puts it in place of the new value.</source>
        <translation>Ono što ste upisali u {fields} ostaje: Spremi ga stavlja umjesto nove vrijednosti.</translation>
    </message>
    <message>
        <source>{what} Nothing is sent from here: close this and look again.</source>
        <translation>{what} Odavde se ništa ne šalje: zatvorite ovo i pogledajte ponovno.</translation>
    </message>
    <message>
        <source>Suspended by {who} at {time}.</source>
        <translation>{who} je suspendirao/la korisnika u {time}.</translation>
    </message>
    <message>
        <source>Re-enabled by {who} at {time}.</source>
        <translation>{who} je ponovno aktivirao/la korisnika u {time}.</translation>
    </message>
    <message>
        <source>Canceled by {who} at {time}.</source>
        <translation>{who} je otkazao/la korisnika u {time}.</translation>
    </message>
    <message>
        <source>Restored by {who} at {time}.</source>
        <translation>{who} je vratio/la korisnika u {time}.</translation>
    </message>
    <message>
        <source>Suspended on the server at {time}.</source>
        <translation>Korisnik je suspendiran na poslužitelju u {time}.</translation>
    </message>
    <message>
        <source>Re-enabled on the server at {time}.</source>
        <translation>Korisnik je ponovno aktiviran na poslužitelju u {time}.</translation>
    </message>
    <message>
        <source>Canceled on the server at {time}.</source>
        <translation>Korisnik je otkazan na poslužitelju u {time}.</translation>
    </message>
    <message>
        <source>Restored on the server at {time}.</source>
        <translation>Korisnik je vraćen na poslužitelju u {time}.</translation>
    </message>
</context>
<context>
    <name>CustomerOperations</name>
    <message>
        <source>A colleague started this; it is shown here when it ends.</source>
        <translation>Ovo je pokrenuo kolega; ovdje se prikazuje kad završi.</translation>
    </message>
    <message>
        <source>Another operation on {name} is still running.</source>
        <translation>Druga operacija na korisniku {name} još je u tijeku.</translation>
    </message>
    <message>
        <source>{now} You can close this window: Partner Desk keeps watching in the background and after the next sign-in; nothing is done twice.</source>
        <translation>{now} Ovaj prozor možete zatvoriti: Partner Desk nastavlja pratiti u pozadini i nakon sljedeće prijave; ništa se ne izvodi dvaput.</translation>
    </message>
    <message>
        <source>{now} This is taking longer than usual; the server keeps working on it.</source>
        <translation>{now} Ovo traje dulje nego obično; poslužitelj i dalje radi na tome.</translation>
    </message>
    <message>
        <source>The server gave no reason.</source>
        <translation>Poslužitelj nije naveo razlog.</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Customer</source>
        <translation>Korisnik</translation>
    </message>
    <message>
        <source>Any customer: type a name</source>
        <translation>Bilo koji korisnik: upišite naziv</translation>
    </message>
    <message>
        <source>Type part of a customer&apos;s name, then pick the customer</source>
        <translation>Upišite dio naziva korisnika, a zatim odaberite korisnika</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Pronađeni korisnici</translation>
    </message>
</context>
<context>
    <name>CustomerSaver</name>
    <message>
        <source>Already used by another customer</source>
        <translation>Već ga koristi drugi korisnik</translation>
    </message>
    <message>
        <source>That account number is taken; choose another.</source>
        <translation>Taj je broj računa zauzet; odaberite drugi.</translation>
    </message>
    <message>
        <source>The server did not accept some fields. {extra}</source>
        <translation>Poslužitelj nije prihvatio neka polja. {extra}</translation>
    </message>
    <message>
        <source>Saved at {time}.</source>
        <translation>Spremljeno u {time}.</translation>
    </message>
    <message>
        <source>Could not reach the server: {reason} Your edits are kept; try Save again.</source>
        <translation>Poslužitelj nije dostupan: {reason} Vaše su izmjene sačuvane; ponovno pokušajte Spremi.</translation>
    </message>
    <message>
        <source>You are signed out. Sign in again, then Save: your edits are kept.</source>
        <translation>Odjavljeni ste. Prijavite se ponovno pa spremite: Vaše su izmjene sačuvane.</translation>
    </message>
    <message>
        <source>This customer no longer exists, or is no longer yours.</source>
        <translation>Ovaj korisnik više ne postoji ili više nije Vaš.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Nije spremljeno: {reason}</translation>
    </message>
    <message>
        <source>Not saved: something unexpected went wrong ({reason}).</source>
        <translation>Nije spremljeno: dogodila se neočekivana pogreška ({reason}).</translation>
    </message>
    <message>
        <source>Someone else had already saved the same changes.</source>
        <translation>Netko drugi već je spremio iste promjene.</translation>
    </message>
    <message>
        <source>Took the server&apos;s values; nothing left to save.</source>
        <translation>Preuzete su vrijednosti s poslužitelja; nema više ničega za spremanje.</translation>
    </message>
    <message>
        <source>Nothing was saved. Your edits are still here; Save to compare again.</source>
        <translation>Ništa nije spremljeno. Vaše su izmjene i dalje ovdje; spremite za ponovnu usporedbu.</translation>
    </message>
    <message>
        <source>Someone else changed this customer; choose what to keep.</source>
        <translation>Netko drugi promijenio je ovog korisnika; odaberite što zadržati.</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Account</source>
        <translation>Račun</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naziv</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-pošta</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domena</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Stvoren</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktivan</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendiran</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Otkazan</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Also: %1</source>
        <translation>Također: %1</translation>
    </message>
</context>
<context>
    <name>CustomerTableView</name>
    <message>
        <source>Customers</source>
        <translation>Korisnici</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>My Customers</source>
        <translation>Moji korisnici</translation>
    </message>
    <message>
        <source>&lt;h2&gt;My Customers&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Moji korisnici&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Pretraži korisnike</translation>
    </message>
    <message>
        <source>Search name, account number, email, phone, domain…</source>
        <translation>Pretražite naziv, broj računa, e-poštu, telefon, domenu…</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>Traži u</translation>
    </message>
    <message>
        <source>Any field</source>
        <translation>Bilo koje polje</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naziv</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Broj računa</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-pošta</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domena</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtar statusa</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Svi statusi</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktivan</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendiran</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Otkazan</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Zakazano</translation>
    </message>
    <message>
        <source>Customer count</source>
        <translation>Broj korisnika</translation>
    </message>
    <message>
        <source>Edit Customer</source>
        <translation>Uredi korisnika</translation>
    </message>
    <message>
        <source>Edit customer</source>
        <translation>Uredi korisnika</translation>
    </message>
    <message>
        <source>New Customer</source>
        <translation>Novi korisnik</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Novi korisnik</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Osvježi</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Osvježi popis</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Izvezi…</translation>
    </message>
    <message>
        <source>Export the customers shown to a CSV file</source>
        <translation>Izvezi prikazane korisnike u CSV datoteku</translation>
    </message>
    <message>
        <source>Saves the list as shown, filtered and sorted, for a spreadsheet (Ctrl+E)</source>
        <translation>Sprema popis kako je prikazan, filtriran i poredan, za proračunsku tablicu (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Izvezi</translation>
    </message>
    <message>
        <source>Suspend Selected</source>
        <translation>Suspendiraj odabrane</translation>
    </message>
    <message>
        <source>Suspend the selected customers</source>
        <translation>Suspendiraj odabrane korisnike</translation>
    </message>
    <message>
        <source>Asks first; customers already suspended or canceled are skipped.</source>
        <translation>Najprije pita; već suspendirani ili otkazani korisnici preskaču se.</translation>
    </message>
    <message>
        <source>Re-enable Selected</source>
        <translation>Ponovno aktiviraj odabrane</translation>
    </message>
    <message>
        <source>Re-enable the selected customers</source>
        <translation>Ponovno aktiviraj odabrane korisnike</translation>
    </message>
    <message>
        <source>Asks first; customers not suspended are skipped.</source>
        <translation>Najprije pita; korisnici koji nisu suspendirani preskaču se.</translation>
    </message>
    <message>
        <source>Loading customers</source>
        <translation>Učitavanje korisnika</translation>
    </message>
    <message>
        <source>Customer list not refreshed</source>
        <translation>Popis korisnika nije osvježen</translation>
    </message>
    <message>
        <source>No customers to show</source>
        <translation>Nema korisnika za prikaz</translation>
    </message>
    <message>
        <source>Loading customers…</source>
        <translation>Učitavanje korisnika…</translation>
    </message>
    <message>
        <source>Loading customers… {n} of {total}</source>
        <translation>Učitavanje korisnika… {n} od {total}</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Povezano</translation>
    </message>
    <message>
        <source>Could not load customers: {msg}
Press F5 to try again.</source>
        <translation>Korisnike nije moguće učitati: {msg}
Pritisnite F5 za ponovni pokušaj.</translation>
    </message>
    <message>
        <source>Offline: {msg}</source>
        <translation>Izvan mreže: {msg}</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Ažuriranje…</translation>
    </message>
    <message>
        <source>Could not refresh the list: {msg} It shows the customers as they were before. Press F5 to try again.</source>
        <translation>Popis nije osvježen: {msg} Prikazuje korisnike kakvi su bili prije. Pritisnite F5 za ponovni pokušaj.</translation>
    </message>
    <message>
        <source>Could not load every customer: {msg} The first {n} are shown. Press F5 to try again.</source>
        <translation>Nisu učitani svi korisnici: {msg} Prikazano je prvih {n}. Pritisnite F5 za ponovni pokušaj.</translation>
    </message>
    <message numerus="yes">
        <source>%n customers</source>
        <translation>
            <numerusform>%n korisnik</numerusform>
            <numerusform>%n korisnika</numerusform>
            <numerusform>%n korisnika</numerusform>
        </translation>
    </message>
    <message>
        <source>{visible} of {total} customers</source>
        <translation>{visible} od {total} korisnika</translation>
    </message>
    <message>
        <source>There are no customers yet.</source>
        <translation>Još nema korisnika.</translation>
    </message>
    <message>
        <source>You have no customers yet.
Click New Customer (Ctrl+N) to add the first.</source>
        <translation>Još nemate korisnika.
Kliknite Novi korisnik (Ctrl+N) da dodate prvog.</translation>
    </message>
    <message>
        <source>No customer matches your search.
Check the spelling, search in Any field, or choose All statuses.</source>
        <translation>Nijedan korisnik ne odgovara pretrazi.
Provjerite pravopis, tražite u polju Bilo koje polje ili odaberite Svi statusi.</translation>
    </message>
</context>
<context>
    <name>DemoServer</name>
    <message>
        <source>Could not create the demo data:
{details}</source>
        <translation>Demo podatke nije moguće stvoriti:
{details}</translation>
    </message>
    <message>
        <source>The demo server did not start again on port {port}. Is another program using it? Quit Partner Desk and start the demo again.</source>
        <translation>Demo poslužitelj nije se ponovno pokrenuo na priključku {port}. Koristi li ga neki drugi program? Zatvorite Partner Desk i ponovno pokrenite demo.</translation>
    </message>
    <message>
        <source>The demo server did not start. Is the server extra installed?</source>
        <translation>Demo poslužitelj nije se pokrenuo. Je li instaliran dodatak „server”?</translation>
    </message>
    <message>
        <source>The demo server stopped while starting.</source>
        <translation>Demo poslužitelj zaustavio se tijekom pokretanja.</translation>
    </message>
    <message>
        <source>The demo server did not answer in time.</source>
        <translation>Demo poslužitelj nije odgovorio na vrijeme.</translation>
    </message>
</context>
<context>
    <name>DisableConfirmDialog</name>
    <message>
        <source>Disable Staff</source>
        <translation>Onemogući djelatnika</translation>
    </message>
    <message>
        <source>Disable staff</source>
        <translation>Onemogući djelatnika</translation>
    </message>
    <message>
        <source>Disable {name}?</source>
        <translation>Onemogućiti račun: {name}?</translation>
    </message>
    <message>
        <source>Their sessions end at once and they cannot sign in until enabled again.</source>
        <translation>Sve se njegove sesije odmah završavaju i ne može se prijaviti dok ga ponovno ne omogućite.</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Onemogući</translation>
    </message>
    <message>
        <source>Disable the account</source>
        <translation>Onemogući račun</translation>
    </message>
    <message>
        <source>Keep Enabled</source>
        <translation>Ostavi omogućen</translation>
    </message>
    <message>
        <source>Keep the account enabled</source>
        <translation>Ostavi račun omogućen</translation>
    </message>
    <message>
        <source>Enable Staff</source>
        <translation>Omogući djelatnika</translation>
    </message>
    <message>
        <source>Enable staff</source>
        <translation>Omogući djelatnika</translation>
    </message>
    <message>
        <source>Enable {name}?</source>
        <translation>Omogućiti račun: {name}?</translation>
    </message>
    <message>
        <source>They can sign in again with their password.</source>
        <translation>Ponovno se može prijaviti svojom lozinkom.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Omogući</translation>
    </message>
    <message>
        <source>Enable the account</source>
        <translation>Omogući račun</translation>
    </message>
    <message>
        <source>Keep Disabled</source>
        <translation>Ostavi onemogućen</translation>
    </message>
    <message>
        <source>Keep the account disabled</source>
        <translation>Ostavi račun onemogućen</translation>
    </message>
</context>
<context>
    <name>DiscardChangesBox</name>
    <message>
        <source>Discard changes?</source>
        <translation>Odbaciti promjene?</translation>
    </message>
    <message>
        <source>You have changes that are not saved. Discard them?</source>
        <translation>Imate nespremljene promjene. Odbaciti ih?</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>Odbaci promjene</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Odbaci promjene</translation>
    </message>
    <message>
        <source>Keep Editing</source>
        <translation>Nastavi uređivati</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Nastavi uređivati</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Neočekivana pogreška</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Što se dogodilo</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Pojedinosti o pogrešci</translation>
    </message>
    <message>
        <source>&amp;Copy Details</source>
        <translation>&amp;Kopiraj pojedinosti</translation>
    </message>
    <message>
        <source>Copy the error details</source>
        <translation>Kopiraj pojedinosti o pogrešci</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <source>The details are also in the log: {path}</source>
        <translation>Pojedinosti su i u zapisniku: {path}</translation>
    </message>
    <message>
        <source>Something went wrong that Partner Desk did not expect: {summary}&lt;br&gt;You can keep working; if it happens again, copy the details for support. {where}</source>
        <translation>Dogodilo se nešto što Partner Desk nije očekivao: {summary}&lt;br&gt;Možete nastaviti raditi; ako se ponovi, kopirajte pojedinosti za podršku. {where}</translation>
    </message>
    <message numerus="yes">
        <source>%n unexpected errors. You can keep working; copy the details for support. {where}</source>
        <translation>
            <numerusform>%n neočekivana pogreška. Možete nastaviti raditi; kopirajte pojedinosti za podršku. {where}</numerusform>
            <numerusform>%n neočekivane pogreške. Možete nastaviti raditi; kopirajte pojedinosti za podršku. {where}</numerusform>
            <numerusform>%n neočekivanih pogrešaka. Možete nastaviti raditi; kopirajte pojedinosti za podršku. {where}</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopirano</translation>
    </message>
</context>
<context>
    <name>EventWords</name>
    <message>
        <source>Created</source>
        <translation>Stvoren</translation>
    </message>
    <message>
        <source>Details changed</source>
        <translation>Podaci promijenjeni</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendiran</translation>
    </message>
    <message>
        <source>Re-enabled</source>
        <translation>Ponovno aktiviran</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Otkazan</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Vraćen</translation>
    </message>
    <message>
        <source>Service removed</source>
        <translation>Usluga uklonjena</translation>
    </message>
    <message>
        <source>Control panel link issued</source>
        <translation>Izdana poveznica na upravljačku ploču</translation>
    </message>
    <message>
        <source>Suspension failed</source>
        <translation>Suspenzija nije uspjela</translation>
    </message>
    <message>
        <source>Re-enabling failed</source>
        <translation>Ponovna aktivacija nije uspjela</translation>
    </message>
    <message>
        <source>Cancellation failed</source>
        <translation>Otkazivanje nije uspjelo</translation>
    </message>
    <message>
        <source>Restoring failed</source>
        <translation>Vraćanje nije uspjelo</translation>
    </message>
    <message>
        <source>Unknown change</source>
        <translation>Nepoznata promjena</translation>
    </message>
    <message>
        <source>Suspension scheduled</source>
        <translation>Suspenzija zakazana</translation>
    </message>
    <message>
        <source>Re-enable scheduled</source>
        <translation>Ponovna aktivacija zakazana</translation>
    </message>
    <message>
        <source>Scheduled suspension canceled</source>
        <translation>Zakazana suspenzija otkazana</translation>
    </message>
    <message>
        <source>Scheduled re-enable canceled</source>
        <translation>Zakazana ponovna aktivacija otkazana</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Naziv računa</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Broj računa</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-pošta</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Web-stranica</translation>
    </message>
    <message>
        <source>Primary domain</source>
        <translation>Primarna domena</translation>
    </message>
    <message>
        <source>Alias domains</source>
        <translation>Alias domene</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Ulica</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Poštanski broj</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Grad</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Regija</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Država</translation>
    </message>
    <message>
        <source>Account {number}</source>
        <translation>Račun {number}</translation>
    </message>
    <message>
        <source>Valid until {when}</source>
        <translation>Vrijedi do {when}</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>Pogreška: {error}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Razlog: {reason}</translation>
    </message>
    <message>
        <source>Services removed: {names}</source>
        <translation>Uklonjene usluge: {names}</translation>
    </message>
    <message>
        <source>Services restored: {names}</source>
        <translation>Vraćene usluge: {names}</translation>
    </message>
    <message>
        <source>Scheduled for {when}</source>
        <translation>Zakazano za {when}</translation>
    </message>
    <message>
        <source>Ran {minutes} min late</source>
        <translation>Izvršeno {minutes} min kasnije</translation>
    </message>
    <message>
        <source>The suspension it followed failed</source>
        <translation>Suspenzija nakon koje je slijedila nije uspjela</translation>
    </message>
    <message>
        <source>The suspension it followed was canceled</source>
        <translation>Suspenzija nakon koje je slijedila je otkazana</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(prazno)</translation>
    </message>
    <message>
        <source>A service</source>
        <translation>Usluga</translation>
    </message>
    <message>
        <source>{name}, {price} a month</source>
        <translation>{name}, {price} mjesečno</translation>
    </message>
</context>
<context>
    <name>FailureWords</name>
    <message>
        <source>You are signed out. Sign in again, then try again.</source>
        <translation>Odjavljeni ste. Prijavite se ponovno pa pokušajte opet.</translation>
    </message>
    <message>
        <source>This customer no longer exists, or is no longer yours.</source>
        <translation>Ovaj korisnik više ne postoji ili više nije Vaš.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({kind}).</source>
        <translation>Dogodila se neočekivana pogreška ({kind}).</translation>
    </message>
</context>
<context>
    <name>FieldRules</name>
    <message>
        <source>Remove the invisible NUL character (pasted in?).</source>
        <translation>Uklonite nevidljivi znak NUL (možda je zalijepljen?).</translation>
    </message>
    <message numerus="yes">
        <source>At most %n characters fit here; the rest was not taken.</source>
        <translation>
            <numerusform>Ovdje stane najviše %n znak; ostatak nije preuzet.</numerusform>
            <numerusform>Ovdje stane najviše %n znaka; ostatak nije preuzet.</numerusform>
            <numerusform>Ovdje stane najviše %n znakova; ostatak nije preuzet.</numerusform>
        </translation>
    </message>
    <message>
        <source>An account name is required.</source>
        <translation>Naziv računa je obavezan.</translation>
    </message>
    <message>
        <source>An account number is required.</source>
        <translation>Broj računa je obavezan.</translation>
    </message>
    <message>
        <source>Use 1 to 20 letters, digits or dashes.</source>
        <translation>Upotrijebite od 1 do 20 slova, znamenki ili crtica.</translation>
    </message>
    <message>
        <source>Not an email address (like ana@example.com).</source>
        <translation>Nije adresa e-pošte (npr. ana@example.com).</translation>
    </message>
    <message>
        <source>Use digits, spaces and + ( ) - . / only.</source>
        <translation>Upotrijebite samo znamenke, razmake i + ( ) - . /</translation>
    </message>
    <message>
        <source>A phone number has 6 to 15 digits.</source>
        <translation>Telefonski broj ima od 6 do 15 znamenki.</translation>
    </message>
    <message>
        <source>Not a domain name (like example.com).</source>
        <translation>Nije naziv domene (npr. example.com).</translation>
    </message>
    <message>
        <source>Not a domain name: {names}.</source>
        <translation>Nije naziv domene: {names}.</translation>
    </message>
    <message numerus="yes">
        <source>At most %n alias domains.</source>
        <translation>
            <numerusform>Najviše %n alias domena.</numerusform>
            <numerusform>Najviše %n alias domene.</numerusform>
            <numerusform>Najviše %n alias domena.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not a web address (like https://example.com).</source>
        <translation>Nije web-adresa (npr. https://example.com).</translation>
    </message>
    <message>
        <source>Choose a country from the list, or type its code (like HR).</source>
        <translation>Odaberite državu s popisa ili upišite njezinu oznaku (npr. HR).</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>History</source>
        <translation>Povijest</translation>
    </message>
    <message>
        <source>About the history</source>
        <translation>O povijesti</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Osvježi</translation>
    </message>
    <message>
        <source>Refresh the history</source>
        <translation>Osvježi povijest</translation>
    </message>
    <message>
        <source>Could not refresh: {reason}</source>
        <translation>Osvježavanje nije uspjelo: {reason}</translation>
    </message>
    <message>
        <source>Could not load the history</source>
        <translation>Povijest nije moguće učitati</translation>
    </message>
    <message>
        <source>No history yet</source>
        <translation>Još nema povijesti</translation>
    </message>
    <message>
        <source>Create the customer first; then every change to it is recorded here.</source>
        <translation>Najprije stvorite korisnika; zatim se ovdje bilježi svaka njegova promjena.</translation>
    </message>
    <message>
        <source>Loading history…</source>
        <translation>Učitavanje povijesti…</translation>
    </message>
    <message>
        <source>Nothing recorded yet</source>
        <translation>Još ništa nije zabilježeno</translation>
    </message>
    <message>
        <source>Changes, suspensions and service removals will be listed here.</source>
        <translation>Ovdje će biti navedene promjene, suspenzije i uklanjanja usluga.</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Osvježavanje…</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 događaj</translation>
    </message>
    <message numerus="yes">
        <source>%n events, newest first</source>
        <translation>
            <numerusform>%n događaj, najnoviji na vrhu</numerusform>
            <numerusform>%n događaja, najnoviji na vrhu</numerusform>
            <numerusform>%n događaja, najnoviji na vrhu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>When</source>
        <translation>Kada</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Tko</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Što</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Pojedinosti</translation>
    </message>
</context>
<context>
    <name>LeaveGuard</name>
    <message>
        <source>{doing} is still running.</source>
        <translation>{doing} još je u tijeku.</translation>
    </message>
    <message>
        <source>{n} more</source>
        <translation>još {n}</translation>
    </message>
    <message numerus="yes">
        <source>%n operations are still running: {which}.</source>
        <translation>
            <numerusform>Još je u tijeku %n operacija: {which}.</numerusform>
            <numerusform>Još su u tijeku %n operacije: {which}.</numerusform>
            <numerusform>Još je u tijeku %n operacija: {which}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit while an operation runs?</source>
        <translation>Izaći dok je operacija u tijeku?</translation>
    </message>
    <message>
        <source>Quit Anyway</source>
        <translation>Ipak izađi</translation>
    </message>
    <message>
        <source>Keep Partner Desk Open</source>
        <translation>Ostavi Partner Desk otvoren</translation>
    </message>
    <message>
        <source>If you quit now, the server still finishes it on its own. Partner Desk picks it up and shows the result the next time you sign in.</source>
        <translation>Ako sada izađete, poslužitelj će je ipak sam dovršiti. Partner Desk će je preuzeti i prikazati rezultat pri sljedećoj prijavi.</translation>
    </message>
    <message>
        <source>Sign out while an operation runs?</source>
        <translation>Odjaviti se dok je operacija u tijeku?</translation>
    </message>
    <message>
        <source>Sign Out Anyway</source>
        <translation>Ipak se odjavi</translation>
    </message>
    <message>
        <source>Stay Signed In</source>
        <translation>Ostani prijavljen</translation>
    </message>
    <message>
        <source>If you sign out now, the server still finishes it on its own. Partner Desk picks it up and shows the result the next time you sign in.</source>
        <translation>Ako se sada odjavite, poslužitelj će je ipak sam dovršiti. Partner Desk će je preuzeti i prikazati rezultat pri sljedećoj prijavi.</translation>
    </message>
    <message numerus="yes">
        <source>%n more customers are waiting their turn in a bulk action.</source>
        <translation>
            <numerusform>Još %n korisnik čeka na red u skupnoj radnji.</numerusform>
            <numerusform>Još %n korisnika čekaju na red u skupnoj radnji.</numerusform>
            <numerusform>Još %n korisnika čeka na red u skupnoj radnji.</numerusform>
        </translation>
    </message>
    <message>
        <source>Those waiting are not sent: nothing happens to them.</source>
        <translation>Oni koji čekaju neće se poslati: s njima se ništa ne događa.</translation>
    </message>
</context>
<context>
    <name>LoadState</name>
    <message>
        <source>State</source>
        <translation>Stanje</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Objašnjenje</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Pokušaj ponovno</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Pokušaj ponovno</translation>
    </message>
</context>
<context>
    <name>LoginAsCustomerButton</name>
    <message>
        <source>Log into Customer&apos;s Control Panel</source>
        <translation>Prijava u upravljačku ploču korisnika</translation>
    </message>
    <message>
        <source>Opens the customer&apos;s control panel in your web browser</source>
        <translation>Otvara upravljačku ploču korisnika u Vašem web-pregledniku</translation>
    </message>
    <message>
        <source>Opening Control Panel…</source>
        <translation>Otvaranje upravljačke ploče…</translation>
    </message>
    <message>
        <source>Log into Control Panel</source>
        <translation>Prijava u upravljačku ploču</translation>
    </message>
    <message>
        <source>Asking the server for a one-time link…</source>
        <translation>Traženje jednokratne poveznice od poslužitelja…</translation>
    </message>
    <message>
        <source>Log into the customer&apos;s control panel in your web browser</source>
        <translation>Prijava u upravljačku ploču korisnika u Vašem web-pregledniku</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to Partner Desk</source>
        <translation>Prijava u Partner Desk</translation>
    </message>
    <message>
        <source>Sign in — {app}</source>
        <translation>Prijava — {app}</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Sign in&lt;/h2&gt;Use your Partner Control Panel account.</source>
        <translation>&lt;h2&gt;Prijava&lt;/h2&gt;Upotrijebite svoj račun za Partner Control Panel.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresa poslužitelja</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Korisničko ime</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lozinka</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Zapamti me na ovom računalu</translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation>Zapamti me</translation>
    </message>
    <message>
        <source>Password storage</source>
        <translation>Pohrana lozinke</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problem s prijavom</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Poslužitelj:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Korisničko ime:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lozinka:</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Prijava</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Prijava</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Izlaz</translation>
    </message>
    <message>
        <source>Demo mode: nothing is saved.</source>
        <translation>Demo način: ništa se ne sprema.</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Unesite adresu poslužitelja.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Unesite korisničko ime.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Unesite lozinku.</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Potvrdi</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Prijava…</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>Provjera kôda…</translation>
    </message>
    <message>
        <source>Demo session</source>
        <translation>Demo sesija</translation>
    </message>
    <message>
        <source>Password kept in memory only</source>
        <translation>Lozinka se čuva samo u memoriji</translation>
    </message>
    <message>
        <source>Your partner requires two-factor sign-in: set it up to continue. You were signed out.</source>
        <translation>Vaš partner zahtijeva prijavu u dva koraka: postavite je da biste nastavili. Odjavljeni ste.</translation>
    </message>
    <message>
        <source>This sign-in took too long. Enter your password again.</source>
        <translation>Ova je prijava predugo trajala. Ponovno unesite lozinku.</translation>
    </message>
    <message>
        <source>Try again in {n} s</source>
        <translation>Ponovno za {n} s</translation>
    </message>
</context>
<context>
    <name>LoginLinkBox</name>
    <message>
        <source>Control panel</source>
        <translation>Upravljačka ploča</translation>
    </message>
    <message>
        <source>No web browser</source>
        <translation>Nema web-preglednika</translation>
    </message>
    <message>
        <source>No web browser could be started to open {name}&apos;s control panel.</source>
        <translation>Za otvaranje upravljačke ploče korisnika {name} nije moguće pokrenuti web-preglednik.</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Što se dogodilo</translation>
    </message>
    <message numerus="yes">
        <source>The one-time link is ready: copy it and paste it into a browser&apos;s address bar. It works once and expires at {time}, in about %n minute(s).</source>
        <translation>
            <numerusform>Jednokratna poveznica je spremna: kopirajte je i zalijepite u adresnu traku preglednika. Vrijedi jednom i istječe u {time}, za otprilike %n minutu.</numerusform>
            <numerusform>Jednokratna poveznica je spremna: kopirajte je i zalijepite u adresnu traku preglednika. Vrijedi jednom i istječe u {time}, za otprilike %n minute.</numerusform>
            <numerusform>Jednokratna poveznica je spremna: kopirajte je i zalijepite u adresnu traku preglednika. Vrijedi jednom i istječe u {time}, za otprilike %n minuta.</numerusform>
        </translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Što učiniti</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopirano</translation>
    </message>
    <message>
        <source>Copy Link</source>
        <translation>Kopiraj poveznicu</translation>
    </message>
    <message>
        <source>Copy the control panel link</source>
        <translation>Kopiraj poveznicu upravljačke ploče</translation>
    </message>
    <message>
        <source>Puts the one-time link on the clipboard</source>
        <translation>Stavlja jednokratnu poveznicu u međuspremnik</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <source>This link has expired. Click Log into Control Panel again for a new one.</source>
        <translation>Ova je poveznica istekla. Za novu ponovno kliknite Prijava u upravljačku ploču.</translation>
    </message>
    <message>
        <source>Paste it into your browser&apos;s address bar before {time}.</source>
        <translation>Zalijepite je u adresnu traku preglednika prije {time}.</translation>
    </message>
</context>
<context>
    <name>LogoCheck</name>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n bajt</numerusform>
            <numerusform>%n bajta</numerusform>
            <numerusform>%n bajtova</numerusform>
        </translation>
    </message>
    <message>
        <source>{n:.1f} KB</source>
        <translation>{n:.1f} KB</translation>
    </message>
    <message>
        <source>{n:.1f} MB</source>
        <translation>{n:.1f} MB</translation>
    </message>
    <message>
        <source>{kind} · {w} × {h} px · {size}</source>
        <translation>{kind} · {w} × {h} px · {size}</translation>
    </message>
    <message>
        <source>Cannot read “{name}”: {reason}.</source>
        <translation>Nije moguće pročitati „{name}”: {reason}.</translation>
    </message>
    <message>
        <source>“{name}” is {w} × {h} px — at most {max} px a side.</source>
        <translation>„{name}” ima {w} × {h} px — najviše {max} px po stranici.</translation>
    </message>
    <message>
        <source>“{name}” is empty.</source>
        <translation>„{name}” je prazna.</translation>
    </message>
    <message>
        <source>“{name}” is {kind}, not a PNG or JPEG.</source>
        <translation>„{name}” je {kind}, a ne PNG ili JPEG.</translation>
    </message>
    <message>
        <source>Save it as PNG or JPEG, then upload that.</source>
        <translation>Spremite je kao PNG ili JPEG pa prenesite tu datoteku.</translation>
    </message>
    <message>
        <source>an SVG drawing</source>
        <translation>SVG crtež</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>GIF slika</translation>
    </message>
    <message>
        <source>a WebP image</source>
        <translation>WebP slika</translation>
    </message>
    <message>
        <source>a TIFF image</source>
        <translation>TIFF slika</translation>
    </message>
    <message>
        <source>an icon file</source>
        <translation>datoteka ikone</translation>
    </message>
    <message>
        <source>a {format} image</source>
        <translation>{format} slika</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>tekstna datoteka</translation>
    </message>
    <message>
        <source>a file of another kind</source>
        <translation>datoteka druge vrste</translation>
    </message>
    <message>
        <source>“{name}” is {size} — the limit is {max} MB.</source>
        <translation>„{name}” ima {size} — ograničenje je {max} MB.</translation>
    </message>
    <message>
        <source>{n:.1f} GB</source>
        <translation>{n:.1f} GB</translation>
    </message>
    <message>
        <source>“{name}” starts like a {kind} image but is damaged or incomplete.</source>
        <translation>„{name}” počinje kao {kind} slika, ali je oštećena ili nepotpuna.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Signing in…</source>
        <translation>Prijava u tijeku…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stanje</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Odjeljci</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Pregled</translation>
    </message>
    <message>
        <source>My Customers</source>
        <translation>Moji korisnici</translation>
    </message>
    <message>
        <source>Branding</source>
        <translation>Brendiranje</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Partner logo</source>
        <translation>Logotip partnera</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Osoblje</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivnost</translation>
    </message>
    <message>
        <source>Server: {s}</source>
        <translation>Poslužitelj: {s}</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Poslužitelj</translation>
    </message>
    <message>
        <source>Signed in as {u}</source>
        <translation>Prijavljeni ste kao {u}</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>Prijavljeni ste kao {name} ({role})</translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation>Prijavljeni korisnik</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datoteka</translation>
    </message>
    <message>
        <source>&amp;Export Customers…</source>
        <translation>Iz&amp;vezi korisnike…</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>&amp;Odjava</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Izlaz</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Uredi</translation>
    </message>
    <message>
        <source>&amp;Find Customer</source>
        <translation>&amp;Pronađi korisnika</translation>
    </message>
    <message>
        <source>&amp;New Customer</source>
        <translation>&amp;Novi korisnik</translation>
    </message>
    <message>
        <source>&amp;Edit Customer</source>
        <translation>&amp;Uredi korisnika</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Pos&amp;tavke…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Prikaz</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Osvježi</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Po&amp;moć</translation>
    </message>
    <message>
        <source>&amp;Account…</source>
        <translation>&amp;Račun…</translation>
    </message>
    <message>
        <source>Copy &amp;Diagnostics</source>
        <translation>Kopiraj &amp;dijagnostiku</translation>
    </message>
    <message>
        <source>&amp;About Partner Desk</source>
        <translation>&amp;O programu Partner Desk</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>O programu {app}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{app} {version}&lt;/h3&gt;&lt;p&gt;Manage your customers&apos; accounts.&lt;/p&gt;&lt;p&gt;Qt {qt} · PySide6 {pyside}&lt;/p&gt;&lt;p&gt;Server: {server}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;{app} {version}&lt;/h3&gt;&lt;p&gt;Upravljajte računima svojih korisnika.&lt;/p&gt;&lt;p&gt;Qt {qt} · PySide6 {pyside}&lt;/p&gt;&lt;p&gt;Poslužitelj: {server}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard</source>
        <translation>Dijagnostika je kopirana u međuspremnik</translation>
    </message>
</context>
<context>
    <name>MfaSetupDialog</name>
    <message>
        <source>Set up two-factor sign-in</source>
        <translation>Postavljanje prijave u dva koraka</translation>
    </message>
    <message>
        <source>Set Up Two-Factor Sign-In</source>
        <translation>Postavljanje prijave u dva koraka</translation>
    </message>
    <message>
        <source>Your partner requires a second step at sign-in. Set it up now to continue. </source>
        <translation>Vaš partner zahtijeva drugi korak pri prijavi. Postavite ga sada da biste nastavili. </translation>
    </message>
    <message>
        <source>Scan the QR code with an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, …), then enter the six-digit code it shows.</source>
        <translation>Skenirajte QR kôd aplikacijom za autentifikaciju na telefonu (Google Authenticator, Microsoft Authenticator, 1Password, …), a zatim unesite šesteroznamenkasti kôd koji prikazuje.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Upit poslužitelju…</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR kôd</translation>
    </message>
    <message>
        <source>A QR code for your authenticator app; the same key is written beside it.</source>
        <translation>QR kôd za vašu aplikaciju za autentifikaciju; isti je ključ napisan pokraj njega.</translation>
    </message>
    <message>
        <source>Setup key</source>
        <translation>Ključ za postavljanje</translation>
    </message>
    <message>
        <source>Copy &amp;Key</source>
        <translation>Kopiraj &amp;ključ</translation>
    </message>
    <message>
        <source>Copy the setup key</source>
        <translation>Kopiraj ključ za postavljanje</translation>
    </message>
    <message>
        <source>Cannot scan it? Type this key into the app:</source>
        <translation>Ne možete skenirati? Upišite ovaj ključ u aplikaciju:</translation>
    </message>
    <message>
        <source>Time-based, six digits, every 30 seconds.</source>
        <translation>Vremenski, šest znamenki, svakih 30 sekundi.</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Kôd iz aplikacije</translation>
    </message>
    <message>
        <source>Set-up problem</source>
        <translation>Problem s postavljanjem</translation>
    </message>
    <message>
        <source>&amp;Code from the app:</source>
        <translation>Kôd iz &amp;aplikacije:</translation>
    </message>
    <message>
        <source>Turn On</source>
        <translation>Uključi</translation>
    </message>
    <message>
        <source>Turn on two-factor</source>
        <translation>Uključi prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation>Odjava</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Odjava</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Nastavi</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotovo</translation>
    </message>
    <message>
        <source>No QR code</source>
        <translation>Nema QR kôda</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Pokušaj ponovno</translation>
    </message>
    <message>
        <source>Key copied to the clipboard.</source>
        <translation>Ključ je kopiran u međuspremnik.</translation>
    </message>
    <message>
        <source>Enter the six digits the app shows.</source>
        <translation>Unesite šest znamenki koje prikazuje aplikacija.</translation>
    </message>
    <message>
        <source>That code is not right. Enter the code the app shows now; if it is refused again, check that the phone&apos;s clock is right.</source>
        <translation>Taj kôd nije točan. Unesite kôd koji aplikacija sada prikazuje; ako opet bude odbijen, provjerite je li sat na telefonu točan.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Provjera…</translation>
    </message>
    <message>
        <source>Please wait…</source>
        <translation>Pričekajte…</translation>
    </message>
</context>
<context>
    <name>OperationCenter</name>
    <message>
        <source>Something unexpected went wrong ({what}).</source>
        <translation>Dogodila se neočekivana pogreška ({what}).</translation>
    </message>
</context>
<context>
    <name>OperationProgress</name>
    <message>
        <source>this window closes by itself when it is done</source>
        <translation>ovaj će se prozor sam zatvoriti kad završi</translation>
    </message>
    <message>
        <source>you can close this window when it is done</source>
        <translation>ovaj prozor možete zatvoriti kad završi</translation>
    </message>
    <message>
        <source>{what}; {then}.</source>
        <translation>{what}; {then}.</translation>
    </message>
    <message>
        <source>Operation in progress</source>
        <translation>Operacija u tijeku</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operacija</translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation>Što se događa</translation>
    </message>
    <message>
        <source>Keep Watching in the Background</source>
        <translation>Nastavi pratiti u pozadini</translation>
    </message>
    <message>
        <source>Keep watching in the background</source>
        <translation>Nastavi pratiti u pozadini</translation>
    </message>
    <message>
        <source>Close this window; the status bar shows the operation until it ends.</source>
        <translation>Zatvara ovaj prozor; traka stanja prikazuje operaciju dok ne završi.</translation>
    </message>
    <message>
        <source>Result of the operation</source>
        <translation>Rezultat operacije</translation>
    </message>
</context>
<context>
    <name>OperationStatusLabel</name>
    <message>
        <source>Operations in progress</source>
        <translation>Operacije u tijeku</translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation>poslužitelj nije dostupan</translation>
    </message>
    <message>
        <source>{doing}: {now}</source>
        <translation>{doing}: {now}</translation>
    </message>
    <message numerus="yes">
        <source>%n operations running: {which}</source>
        <translation>
            <numerusform>%n operacija u tijeku: {which}</numerusform>
            <numerusform>%n operacije u tijeku: {which}</numerusform>
            <numerusform>%n operacija u tijeku: {which}</numerusform>
        </translation>
    </message>
    <message>
        <source>{doing} failed: {reason}</source>
        <translation>{doing} nije uspjelo: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n operations by colleagues: {which}</source>
        <translation>
            <numerusform>%n operacija kolega: {which}</numerusform>
            <numerusform>%n operacije kolega: {which}</numerusform>
            <numerusform>%n operacija kolega: {which}</numerusform>
        </translation>
    </message>
    <message>
        <source>{doing} (by a colleague)</source>
        <translation>{doing} (kolega)</translation>
    </message>
</context>
<context>
    <name>OperationWords</name>
    <message>
        <source>Suspending…</source>
        <translation>Suspendiranje…</translation>
    </message>
    <message>
        <source>Asking the server to suspend…</source>
        <translation>Traženje suspenzije od poslužitelja…</translation>
    </message>
    <message>
        <source>The server is suspending this customer</source>
        <translation>Poslužitelj suspendira ovog korisnika</translation>
    </message>
    <message>
        <source>Suspending {name}</source>
        <translation>Suspendiranje korisnika {name}</translation>
    </message>
    <message>
        <source>{name} suspended.</source>
        <translation>Korisnik {name} je suspendiran.</translation>
    </message>
    <message>
        <source>{name} suspended at {time}.</source>
        <translation>Korisnik {name} suspendiran je u {time}.</translation>
    </message>
    <message>
        <source>Could not suspend {name}: {reason}</source>
        <translation>Korisnika {name} nije moguće suspendirati: {reason}</translation>
    </message>
    <message>
        <source>Suspended at {time}</source>
        <translation>Suspendiran u {time}</translation>
    </message>
    <message>
        <source>Suspending 1 customer…</source>
        <translation>Suspendiranje 1 korisnika…</translation>
    </message>
    <message>
        <source>{ok} of {total} suspended so far</source>
        <translation>Dosad suspendirano: {ok} od {total}</translation>
    </message>
    <message>
        <source>Suspended {ok} of {total} customers</source>
        <translation>Suspendirano {ok} od {total} korisnika</translation>
    </message>
    <message>
        <source>Re-enabling…</source>
        <translation>Ponovna aktivacija…</translation>
    </message>
    <message>
        <source>Asking the server to re-enable…</source>
        <translation>Traženje ponovne aktivacije od poslužitelja…</translation>
    </message>
    <message>
        <source>The server is re-enabling this customer</source>
        <translation>Poslužitelj ponovno aktivira ovog korisnika</translation>
    </message>
    <message>
        <source>Re-enabling {name}</source>
        <translation>Ponovna aktivacija korisnika {name}</translation>
    </message>
    <message>
        <source>{name} re-enabled.</source>
        <translation>Korisnik {name} ponovno je aktiviran.</translation>
    </message>
    <message>
        <source>{name} re-enabled at {time}.</source>
        <translation>Korisnik {name} ponovno je aktiviran u {time}.</translation>
    </message>
    <message>
        <source>Could not re-enable {name}: {reason}</source>
        <translation>Korisnika {name} nije moguće ponovno aktivirati: {reason}</translation>
    </message>
    <message>
        <source>Re-enabled at {time}</source>
        <translation>Ponovno aktiviran u {time}</translation>
    </message>
    <message>
        <source>Re-enabling 1 customer…</source>
        <translation>Ponovna aktivacija 1 korisnika…</translation>
    </message>
    <message>
        <source>{ok} of {total} re-enabled so far</source>
        <translation>Dosad ponovno aktivirano: {ok} od {total}</translation>
    </message>
    <message>
        <source>Re-enabled {ok} of {total} customers</source>
        <translation>Ponovno aktivirano {ok} od {total} korisnika</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Otkazivanje…</translation>
    </message>
    <message>
        <source>Asking the server to cancel…</source>
        <translation>Traženje otkazivanja od poslužitelja…</translation>
    </message>
    <message>
        <source>The server is canceling this customer</source>
        <translation>Poslužitelj otkazuje ovog korisnika</translation>
    </message>
    <message>
        <source>Canceling {name}</source>
        <translation>Otkazivanje korisnika {name}</translation>
    </message>
    <message>
        <source>{name} canceled.</source>
        <translation>Korisnik {name} je otkazan.</translation>
    </message>
    <message>
        <source>{name} canceled at {time}. Its services were removed.</source>
        <translation>Korisnik {name} otkazan je u {time}. Njegove su usluge uklonjene.</translation>
    </message>
    <message>
        <source>Could not cancel {name}: {reason}</source>
        <translation>Korisnika {name} nije moguće otkazati: {reason}</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Vraćanje…</translation>
    </message>
    <message>
        <source>Asking the server to restore…</source>
        <translation>Traženje vraćanja od poslužitelja…</translation>
    </message>
    <message>
        <source>The server is restoring this customer</source>
        <translation>Poslužitelj vraća ovog korisnika</translation>
    </message>
    <message>
        <source>Restoring {name}</source>
        <translation>Vraćanje korisnika {name}</translation>
    </message>
    <message>
        <source>{name} restored.</source>
        <translation>Korisnik {name} je vraćen.</translation>
    </message>
    <message>
        <source>{name} restored at {time}, with its services.</source>
        <translation>Korisnik {name} vraćen je u {time}, zajedno sa svojim uslugama.</translation>
    </message>
    <message>
        <source>Could not restore {name}: {reason}</source>
        <translation>Korisnika {name} nije moguće vratiti: {reason}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>U tijeku…</translation>
    </message>
    <message>
        <source>The server is working on this customer</source>
        <translation>Poslužitelj radi na ovom korisniku</translation>
    </message>
    <message>
        <source>Working on {name}</source>
        <translation>Rad na korisniku {name}</translation>
    </message>
    <message>
        <source>{name}: done.</source>
        <translation>{name}: gotovo.</translation>
    </message>
    <message>
        <source>{name}: done at {time}.</source>
        <translation>{name}: gotovo u {time}.</translation>
    </message>
    <message>
        <source>Could not finish the operation on {name}: {reason}</source>
        <translation>Operaciju na korisniku {name} nije moguće dovršiti: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Suspending %n customers…</source>
        <translation>
            <numerusform>Suspendiranje %n korisnika…</numerusform>
            <numerusform>Suspendiranje %n korisnika…</numerusform>
            <numerusform>Suspendiranje %n korisnika…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-enabling %n customers…</source>
        <translation>
            <numerusform>Ponovna aktivacija %n korisnika…</numerusform>
            <numerusform>Ponovna aktivacija %n korisnika…</numerusform>
            <numerusform>Ponovna aktivacija %n korisnika…</numerusform>
        </translation>
    </message>
    <message>
        <source>The server cannot be reached (since {time}). Partner Desk checks again when it is back.</source>
        <translation>Poslužitelj nije dostupan (od {time}). Partner Desk ponovno provjerava kad bude dostupan.</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Ponovno povezivanje…</translation>
    </message>
    <message>
        <source>Reading the result back from the server…</source>
        <translation>Čitanje rezultata s poslužitelja…</translation>
    </message>
    <message>
        <source>Waiting for the hosting backend…</source>
        <translation>Čekanje na sustav za hosting…</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Pregled</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Overview&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Pregled&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>When the figures were read</source>
        <translation>Kada su podaci očitani</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Osvježi</translation>
    </message>
    <message>
        <source>Refresh the overview</source>
        <translation>Osvježi pregled</translation>
    </message>
    <message>
        <source>Loading the overview…</source>
        <translation>Učitavanje pregleda…</translation>
    </message>
    <message>
        <source>Still billed while suspended</source>
        <translation>Naplaćuje se i tijekom suspenzije</translation>
    </message>
    <message>
        <source>Billed monthly for suspended customers</source>
        <translation>Mjesečna naplata za suspendirane korisnike</translation>
    </message>
    <message>
        <source>About suspended customers</source>
        <translation>O suspendiranim korisnicima</translation>
    </message>
    <message>
        <source>Show Suspended Customers</source>
        <translation>Prikaži suspendirane korisnike</translation>
    </message>
    <message>
        <source>Show the suspended customers in the customer list</source>
        <translation>Prikaži suspendirane korisnike na popisu korisnika</translation>
    </message>
    <message>
        <source>Active customers</source>
        <translation>Aktivni korisnici</translation>
    </message>
    <message>
        <source>Suspended customers</source>
        <translation>Suspendirani korisnici</translation>
    </message>
    <message>
        <source>Billed each month, in all</source>
        <translation>Ukupna mjesečna naplata</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktivan</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendiran</translation>
    </message>
    <message>
        <source>Chart: customers by status</source>
        <translation>Grafikon: korisnici po statusu</translation>
    </message>
    <message>
        <source>Canceled customers</source>
        <translation>Otkazani korisnici</translation>
    </message>
    <message>
        <source>Chart: monthly billable by status</source>
        <translation>Grafikon: mjesečna naplata po statusu</translation>
    </message>
    <message>
        <source>Customers by status</source>
        <translation>Korisnici po statusu</translation>
    </message>
    <message>
        <source>Billed each month, by status</source>
        <translation>Mjesečna naplata po statusu</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Zakazano</translation>
    </message>
    <message>
        <source>Show Scheduled</source>
        <translation>Prikaži zakazane</translation>
    </message>
    <message>
        <source>Show the customers with something scheduled in the customer list</source>
        <translation>Prikaži korisnike s nečim zakazanim na popisu korisnika</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Ažuriranje…</translation>
    </message>
    <message>
        <source>The overview could not be loaded</source>
        <translation>Pregled nije moguće učitati</translation>
    </message>
    <message>
        <source>{reason}
Your customers are unchanged.</source>
        <translation>{reason}
Vaši korisnici nisu promijenjeni.</translation>
    </message>
    <message>
        <source>Updated at {time}</source>
        <translation>Ažurirano u {time}</translation>
    </message>
    <message>
        <source>No customers yet</source>
        <translation>Još nema korisnika</translation>
    </message>
    <message>
        <source>Add your first customer under My Customers; the overview follows.</source>
        <translation>Dodajte prvog korisnika u odjeljku Moji korisnici; pregled će uslijediti.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers have a suspension or re-enable scheduled.</source>
        <translation>
            <numerusform>%Ln korisnik ima zakazanu suspenziju ili ponovnu aktivaciju.</numerusform>
            <numerusform>%Ln korisnika imaju zakazanu suspenziju ili ponovnu aktivaciju.</numerusform>
            <numerusform>%Ln korisnika ima zakazanu suspenziju ili ponovnu aktivaciju.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is scheduled.</source>
        <translation>Ništa nije zakazano.</translation>
    </message>
    <message>
        <source>{amount} a month</source>
        <translation>{amount} mjesečno</translation>
    </message>
    <message>
        <source>No customer is suspended.</source>
        <translation>Nijedan korisnik nije suspendiran.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln suspended customers keep their services, and those are billed until you remove them.</source>
        <translation>
            <numerusform>%Ln suspendirani korisnik zadržava svoje usluge, a one se naplaćuju dok ih ne uklonite.</numerusform>
            <numerusform>%Ln suspendirana korisnika zadržavaju svoje usluge, a one se naplaćuju dok ih ne uklonite.</numerusform>
            <numerusform>%Ln suspendiranih korisnika zadržava svoje usluge, a one se naplaćuju dok ih ne uklonite.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln suspended customers; none of them is billed any more.</source>
        <translation>
            <numerusform>%Ln suspendirani korisnik; više mu se ništa ne naplaćuje.</numerusform>
            <numerusform>%Ln suspendirana korisnika; nijednom se više ništa ne naplaćuje.</numerusform>
            <numerusform>%Ln suspendiranih korisnika; nijednom se više ništa ne naplaćuje.</numerusform>
        </translation>
    </message>
    <message>
        <source>Suspended customers are still billed {amount} a month. {note}</source>
        <translation>Suspendiranim korisnicima i dalje se naplaćuje {amount} mjesečno. {note}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln active customers</source>
        <translation>
            <numerusform>%Ln aktivan korisnik</numerusform>
            <numerusform>%Ln aktivna korisnika</numerusform>
            <numerusform>%Ln aktivnih korisnika</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln suspended customers</source>
        <translation>
            <numerusform>%Ln suspendirani korisnik</numerusform>
            <numerusform>%Ln suspendirana korisnika</numerusform>
            <numerusform>%Ln suspendiranih korisnika</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln canceled customers, restorable for 14 days after canceling</source>
        <translation>
            <numerusform>%Ln otkazani korisnik, može se vratiti 14 dana nakon otkazivanja</numerusform>
            <numerusform>%Ln otkazana korisnika, mogu se vratiti 14 dana nakon otkazivanja</numerusform>
            <numerusform>%Ln otkazanih korisnika, mogu se vratiti 14 dana nakon otkazivanja</numerusform>
        </translation>
    </message>
    <message>
        <source>{amount} billed each month in all</source>
        <translation>Ukupno se mjesečno naplaćuje {amount}</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>Only an owner, admin or agent can add or edit customers.</source>
        <translation>Samo vlasnik, administrator ili agent može dodavati ili uređivati korisnike.</translation>
    </message>
    <message>
        <source>Only an owner, admin or agent can suspend or re-enable a customer.</source>
        <translation>Samo vlasnik, administrator ili agent može suspendirati ili ponovno aktivirati korisnika.</translation>
    </message>
    <message>
        <source>Only an owner, admin or agent can log into a customer&apos;s control panel.</source>
        <translation>Samo vlasnik, administrator ili agent može se prijaviti u upravljačku ploču korisnika.</translation>
    </message>
    <message>
        <source>Only an owner or admin can remove a customer&apos;s services.</source>
        <translation>Samo vlasnik ili administrator može ukloniti usluge korisnika.</translation>
    </message>
    <message>
        <source>Only an owner or admin can cancel or restore a customer.</source>
        <translation>Samo vlasnik ili administrator može otkazati ili vratiti korisnika.</translation>
    </message>
    <message>
        <source>Only an owner or admin can change the logo.</source>
        <translation>Samo vlasnik ili administrator može promijeniti logotip.</translation>
    </message>
    <message>
        <source>Only an owner or admin can see the activity log.</source>
        <translation>Samo vlasnik ili administrator može vidjeti zapisnik aktivnosti.</translation>
    </message>
    <message>
        <source>Only an owner or admin can manage staff.</source>
        <translation>Samo vlasnik ili administrator može upravljati osobljem.</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>Vaša uloga to ne dopušta.</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>vlasnik</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>promatrač</translation>
    </message>
</context>
<context>
    <name>ReadOnlyNote</name>
    <message>
        <source>Why this is read-only</source>
        <translation>Zašto je samo za čitanje</translation>
    </message>
    <message>
        <source>Read-only: {reason}</source>
        <translation>Samo za čitanje: {reason}</translation>
    </message>
</context>
<context>
    <name>ReasonPicker</name>
    <message>
        <source>Reason</source>
        <translation>Razlog</translation>
    </message>
    <message>
        <source>Choose a reason…</source>
        <translation>Odaberite razlog…</translation>
    </message>
    <message>
        <source>Reason details</source>
        <translation>Pojedinosti razloga</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>Odaberite razlog.</translation>
    </message>
    <message>
        <source>Say what the other reason is.</source>
        <translation>Navedite koji je drugi razlog.</translation>
    </message>
    <message>
        <source>Describe the reason (required)</source>
        <translation>Opišite razlog (obavezno)</translation>
    </message>
    <message>
        <source>Required for Other</source>
        <translation>Obavezno za Drugo</translation>
    </message>
    <message>
        <source>Add details (optional)</source>
        <translation>Dodajte pojedinosti (neobavezno)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Neobavezno</translation>
    </message>
    <message>
        <source>Non-payment</source>
        <translation>Neplaćanje</translation>
    </message>
    <message>
        <source>Customer request</source>
        <translation>Zahtjev korisnika</translation>
    </message>
    <message>
        <source>Abuse</source>
        <translation>Zlouporaba</translation>
    </message>
    <message>
        <source>Fraud</source>
        <translation>Prijevara</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Drugo</translation>
    </message>
</context>
<context>
    <name>ReauthDialog</name>
    <message>
        <source>Session expired</source>
        <translation>Sesija je istekla</translation>
    </message>
    <message>
        <source>Your session has expired. Enter the password for &lt;b&gt;{user}&lt;/b&gt; to continue; nothing you were doing is lost.</source>
        <translation>Vaša je sesija istekla. Unesite lozinku za &lt;b&gt;{user}&lt;/b&gt; da nastavite; ništa od onoga što ste radili nije izgubljeno.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lozinka</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problem s prijavom</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>Prijava</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Prijava</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Unesite lozinku.</translation>
    </message>
    <message>
        <source>This sign-in took too long. Enter your password again.</source>
        <translation>Ova je prijava predugo trajala. Ponovno unesite lozinku.</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Potvrdi</translation>
    </message>
</context>
<context>
    <name>RecoveryCodesPage</name>
    <message>
        <source>{app}: two-factor recovery codes</source>
        <translation>{app}: kôdovi za oporavak prijave u dva koraka</translation>
    </message>
    <message>
        <source>User: {user}</source>
        <translation>Korisnik: {user}</translation>
    </message>
    <message>
        <source>Server: {server}</source>
        <translation>Poslužitelj: {server}</translation>
    </message>
    <message>
        <source>Made: {when}</source>
        <translation>Izrađeno: {when}</translation>
    </message>
    <message>
        <source>Each code signs you in once, in place of the code from your authenticator app.</source>
        <translation>Svaki vas kôd prijavljuje jednom, umjesto kôda iz aplikacije za autentifikaciju.</translation>
    </message>
    <message>
        <source>Recovery codes</source>
        <translation>Kôdovi za oporavak</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on</source>
        <translation>Prijava u dva koraka je uključena</translation>
    </message>
    <message>
        <source>Keep these recovery codes somewhere safe, apart from your phone. If you lose the phone, each code signs you in once instead of the app&apos;s code.</source>
        <translation>Čuvajte ove kôdove za oporavak na sigurnom mjestu, odvojeno od telefona. Ako izgubite telefon, svaki vas kôd jednom prijavljuje umjesto kôda iz aplikacije.</translation>
    </message>
    <message>
        <source>&lt;b&gt;They will not be shown again.&lt;/b&gt; Copy them or save them to a file now.</source>
        <translation>&lt;b&gt;Više se neće prikazati.&lt;/b&gt; Kopirajte ih ili ih sada spremite u datoteku.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiraj</translation>
    </message>
    <message>
        <source>Copy recovery codes</source>
        <translation>Kopiraj kôdove za oporavak</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Spremi kao…</translation>
    </message>
    <message>
        <source>Save recovery codes as a file</source>
        <translation>Spremi kôdove za oporavak u datoteku</translation>
    </message>
    <message>
        <source>Recovery codes kept</source>
        <translation>Kôdovi za oporavak spremljeni</translation>
    </message>
    <message>
        <source>Copied to the clipboard. Paste them somewhere safe.</source>
        <translation>Kopirano u međuspremnik. Zalijepite ih na sigurno mjesto.</translation>
    </message>
    <message>
        <source>partner-desk-recovery-codes.txt</source>
        <translation>partner-desk-kodovi-za-oporavak.txt</translation>
    </message>
    <message>
        <source>Save Recovery Codes</source>
        <translation>Spremi kôdove za oporavak</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Tekstne datoteke (*.txt);;Sve datoteke (*)</translation>
    </message>
    <message>
        <source>Could not save to {path}: {reason}</source>
        <translation>Spremanje u {path} nije uspjelo: {reason}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Spremljeno u {path}.</translation>
    </message>
</context>
<context>
    <name>RequireMfaConfirmDialog</name>
    <message>
        <source>Require Two-Factor</source>
        <translation>Zahtijevaj prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Require two-factor sign-in</source>
        <translation>Zahtijevaj prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Require two-factor for everyone?</source>
        <translation>Zahtijevati prijavu u dva koraka za sve?</translation>
    </message>
    <message>
        <source>Whoever has not set up two-factor sign-in yet must set it up at their next sign-in before they can do anything else.</source>
        <translation>Tko još nije postavio prijavu u dva koraka, morat će je postaviti pri sljedećoj prijavi prije bilo čega drugog.</translation>
    </message>
    <message>
        <source>You have not set up two-factor sign-in yourself: you too will have to set it up before you can do anything else.</source>
        <translation>Ni vi još niste postavili prijavu u dva koraka: i vi ćete je morati postaviti prije bilo čega drugog.</translation>
    </message>
    <message>
        <source>Your own sign-in</source>
        <translation>Vaša prijava</translation>
    </message>
    <message>
        <source>Stop Requiring Two-Factor</source>
        <translation>Ne zahtijevaj više prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Stop requiring two-factor sign-in</source>
        <translation>Ne zahtijevaj više prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Stop requiring two-factor?</source>
        <translation>Više ne zahtijevati prijavu u dva koraka?</translation>
    </message>
    <message>
        <source>Staff without two-factor can then sign in with a password alone; those who set it up keep it.</source>
        <translation>Djelatnici bez prijave u dva koraka tada se mogu prijaviti samo lozinkom; oni koji su je postavili zadržavaju je.</translation>
    </message>
    <message>
        <source>Stop Requiring</source>
        <translation>Ne zahtijevaj više</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Cancel: change nothing</source>
        <translation>Odustani: ništa se ne mijenja</translation>
    </message>
</context>
<context>
    <name>RoleConfirmDialog</name>
    <message>
        <source>Change Role</source>
        <translation>Promijeni ulogu</translation>
    </message>
    <message>
        <source>Change the role</source>
        <translation>Promijeni ulogu</translation>
    </message>
    <message>
        <source>Change your own role?</source>
        <translation>Promijeniti vlastitu ulogu?</translation>
    </message>
    <message>
        <source>Change {name}&apos;s role?</source>
        <translation>Promijeniti ulogu: {name}?</translation>
    </message>
    <message>
        <source>Role: {old} → {new}</source>
        <translation>Uloga: {old} → {new}</translation>
    </message>
    <message>
        <source>Role change</source>
        <translation>Promjena uloge</translation>
    </message>
    <message>
        <source>Your own role</source>
        <translation>Vaša uloga</translation>
    </message>
    <message>
        <source>It applies at once, also in sessions already open.</source>
        <translation>Vrijedi odmah, i u već otvorenim sesijama.</translation>
    </message>
    <message>
        <source>Keep Role</source>
        <translation>Zadrži ulogu</translation>
    </message>
    <message>
        <source>Keep the role</source>
        <translation>Zadrži ulogu</translation>
    </message>
</context>
<context>
    <name>ScheduleChoice</name>
    <message>
        <source>When</source>
        <translation>Kada</translation>
    </message>
    <message>
        <source>&amp;Now</source>
        <translation>&amp;Sada</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Sada</translation>
    </message>
    <message>
        <source>&amp;On</source>
        <translation>&amp;Dana</translation>
    </message>
    <message>
        <source>On a date</source>
        <translation>Na datum</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Datum i vrijeme</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Vremenska zona</translation>
    </message>
    <message>
        <source>About this time</source>
        <translation>O ovom vremenu</translation>
    </message>
    <message>
        <source>Re-enable &amp;automatically on</source>
        <translation>Ponovno &amp;aktiviraj automatski</translation>
    </message>
    <message>
        <source>Re-enable automatically</source>
        <translation>Ponovno aktiviraj automatski</translation>
    </message>
    <message>
        <source>Re-enable date and time</source>
        <translation>Datum i vrijeme ponovne aktivacije</translation>
    </message>
</context>
<context>
    <name>ScheduleWords</name>
    <message>
        <source>{time} does not exist on {date}; it will run at {runs}.</source>
        <translation>{time} ne postoji {date}; izvršit će se u {runs}.</translation>
    </message>
    <message>
        <source>{time} happens twice on {date}; it will run at the first, {runs}.</source>
        <translation>{time} se {date} događa dvaput; izvršit će se u prvom, {runs}.</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <translation>d. MMMM</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>dddd d MMMM</source>
        <translation>dddd, d. MMMM</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>dddd, d. MMMM yyyy.</translation>
    </message>
    <message>
        <source>{day} at {time} {zone}</source>
        <translation>{day} u {time} {zone}</translation>
    </message>
    <message>
        <source>The re-enable must come after the suspension.</source>
        <translation>Ponovna aktivacija mora biti nakon suspenzije.</translation>
    </message>
    <message>
        <source>This time has passed: pick one in the future.</source>
        <translation>To je vrijeme prošlo: odaberite neko u budućnosti.</translation>
    </message>
    <message>
        <source>At most 366 days ahead.</source>
        <translation>Najviše 366 dana unaprijed.</translation>
    </message>
    <message>
        <source>{name} will be suspended now; its services stay billable.</source>
        <translation>Korisnik {name} bit će suspendiran sada; njegove usluge i dalje se naplaćuju.</translation>
    </message>
    <message>
        <source>{name} will be suspended now.</source>
        <translation>Korisnik {name} bit će suspendiran sada.</translation>
    </message>
    <message>
        <source>{name} will be suspended on {when}; its services stay billable.</source>
        <translation>Korisnik {name} bit će suspendiran {when}; njegove usluge i dalje se naplaćuju.</translation>
    </message>
    <message>
        <source>{name} will be suspended on {when}.</source>
        <translation>Korisnik {name} bit će suspendiran {when}.</translation>
    </message>
    <message>
        <source>It will be re-enabled automatically on {when}.</source>
        <translation>Automatski će se ponovno aktivirati {when}.</translation>
    </message>
    <message>
        <source>{name} will be re-enabled now.</source>
        <translation>Korisnik {name} bit će ponovno aktiviran sada.</translation>
    </message>
    <message>
        <source>{name} will be re-enabled on {when}.</source>
        <translation>Korisnik {name} bit će ponovno aktiviran {when}.</translation>
    </message>
    <message>
        <source>Re-enable scheduled for {when}.</source>
        <translation>Ponovna aktivacija zakazana za {when}.</translation>
    </message>
    <message>
        <source>Suspension scheduled for {when}.</source>
        <translation>Suspenzija zakazana za {when}.</translation>
    </message>
    <message>
        <source>Re-enables {day}</source>
        <translation>Aktivira se {day}</translation>
    </message>
    <message>
        <source>Suspends {day}</source>
        <translation>Suspendira se {day}</translation>
    </message>
    <message>
        <source>Cancel scheduled re-enable</source>
        <translation>Otkaži zakazanu ponovnu aktivaciju</translation>
    </message>
    <message>
        <source>Cancel scheduled suspension</source>
        <translation>Otkaži zakazanu suspenziju</translation>
    </message>
    <message>
        <source>re-enables on {when}</source>
        <translation>ponovno se aktivira {when}</translation>
    </message>
    <message>
        <source>suspends on {when}</source>
        <translation>suspendira se {when}</translation>
    </message>
</context>
<context>
    <name>ScheduledCancel</name>
    <message>
        <source>Cancel the re-enable of {name} scheduled for {when}?</source>
        <translation>Otkazati ponovnu aktivaciju korisnika {name} zakazanu za {when}?</translation>
    </message>
    <message>
        <source>Cancel the suspension of {name} scheduled for {when}? A re-enable that follows it is canceled too.</source>
        <translation>Otkazati suspenziju korisnika {name} zakazanu za {when}? Otkazuje se i ponovna aktivacija koja slijedi nakon nje.</translation>
    </message>
    <message>
        <source>Cancel scheduled operation</source>
        <translation>Otkaži zakazanu radnju</translation>
    </message>
    <message>
        <source>Cancel It</source>
        <translation>Otkaži</translation>
    </message>
    <message>
        <source>Keep It</source>
        <translation>Zadrži</translation>
    </message>
    <message>
        <source>The scheduled operation was canceled.</source>
        <translation>Zakazana radnja je otkazana.</translation>
    </message>
    <message>
        <source>Could not cancel it: {reason}</source>
        <translation>Nije otkazano: {reason}</translation>
    </message>
</context>
<context>
    <name>ScheduledWeek</name>
    <message>
        <source>Suspensions scheduled this week</source>
        <translation>Suspenzije zakazane ovaj tjedan</translation>
    </message>
    <message numerus="yes">
        <source>%n suspensions scheduled this week</source>
        <translation>
            <numerusform>%n suspenzija zakazana ovaj tjedan</numerusform>
            <numerusform>%n suspenzije zakazane ovaj tjedan</numerusform>
            <numerusform>%n suspenzija zakazano ovaj tjedan</numerusform>
        </translation>
    </message>
    <message>
        <source>No suspension is scheduled this week.</source>
        <translation>Ovaj tjedan nije zakazana nijedna suspenzija.</translation>
    </message>
</context>
<context>
    <name>ServicesTab</name>
    <message>
        <source>Services</source>
        <translation>Usluge</translation>
    </message>
    <message>
        <source>Monthly total</source>
        <translation>Ukupno mjesečno</translation>
    </message>
    <message>
        <source>Suspended, but still billed: remove services to stop billing.</source>
        <translation>Suspendiran, ali se i dalje naplaćuje: uklonite usluge da zaustavite naplatu.</translation>
    </message>
    <message>
        <source>Billing while suspended</source>
        <translation>Naplata tijekom suspenzije</translation>
    </message>
    <message>
        <source>Remove Service…</source>
        <translation>Ukloni uslugu…</translation>
    </message>
    <message>
        <source>Remove service</source>
        <translation>Ukloni uslugu</translation>
    </message>
    <message>
        <source>Stops billing for the selected service</source>
        <translation>Zaustavlja naplatu odabrane usluge</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Poruka</translation>
    </message>
    <message>
        <source>Remove service?</source>
        <translation>Ukloniti uslugu?</translation>
    </message>
    <message>
        <source>Remove {service} from {customer}?</source>
        <translation>Ukloniti uslugu {service} korisniku {customer}?</translation>
    </message>
    <message>
        <source>Billing for {service} ({price} a month) stops at once, and the customer can no longer use it.</source>
        <translation>Naplata usluge {service} ({price} mjesečno) odmah prestaje i korisnik je više ne može upotrebljavati.</translation>
    </message>
    <message>
        <source>Remove Service</source>
        <translation>Ukloni uslugu</translation>
    </message>
    <message>
        <source>Keep Service</source>
        <translation>Zadrži uslugu</translation>
    </message>
    <message>
        <source>Keep service</source>
        <translation>Zadrži uslugu</translation>
    </message>
    <message>
        <source>Could not load the services</source>
        <translation>Usluge nije moguće učitati</translation>
    </message>
    <message>
        <source>Removing {service}…</source>
        <translation>Uklanjanje usluge {service}…</translation>
    </message>
    <message>
        <source>Removed {service}; billing for it has stopped.</source>
        <translation>Usluga {service} je uklonjena; njezina je naplata zaustavljena.</translation>
    </message>
    <message>
        <source>{service} was no longer there to remove; the list is reloaded.</source>
        <translation>Usluga {service} više nije postojala; popis je ponovno učitan.</translation>
    </message>
    <message>
        <source>{service} was not removed and is still billed. {reason}</source>
        <translation>Usluga {service} nije uklonjena i i dalje se naplaćuje. {reason}</translation>
    </message>
    <message>
        <source>No services yet</source>
        <translation>Još nema usluga</translation>
    </message>
    <message>
        <source>Create the customer first; then their services are listed here.</source>
        <translation>Najprije stvorite korisnika; zatim se ovdje navode njegove usluge.</translation>
    </message>
    <message>
        <source>Loading services…</source>
        <translation>Učitavanje usluga…</translation>
    </message>
    <message>
        <source>Cancelling removed every service; nothing is billed.</source>
        <translation>Otkazivanjem su uklonjene sve usluge; ništa se ne naplaćuje.</translation>
    </message>
    <message>
        <source>Nothing is billed to this customer each month.</source>
        <translation>Ovom se korisniku mjesečno ništa ne naplaćuje.</translation>
    </message>
    <message>
        <source>No billable services</source>
        <translation>Nema usluga koje se naplaćuju</translation>
    </message>
    <message>
        <source>Monthly total: {total}</source>
        <translation>Ukupno mjesečno: {total}</translation>
    </message>
    <message>
        <source>Monthly total: nothing billed</source>
        <translation>Ukupno mjesečno: ništa se ne naplaćuje</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Uklanjanje…</translation>
    </message>
</context>
<context>
    <name>ServicesTableModel</name>
    <message>
        <source>Service</source>
        <translation>Usluga</translation>
    </message>
    <message>
        <source>Monthly price</source>
        <translation>Mjesečna cijena</translation>
    </message>
    <message>
        <source>Enabled since</source>
        <translation>Aktivna od</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Postavke</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresa poslužitelja</translation>
    </message>
    <message>
        <source>CA bundle file</source>
        <translation>Datoteka CA paketa</translation>
    </message>
    <message>
        <source>None: the system&apos;s certificates only</source>
        <translation>Nijedna: samo certifikati sustava</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Odaberi…</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>Odaberite CA paket</translation>
    </message>
    <message>
        <source>Close after a confirmed operation</source>
        <translation>Zatvori nakon potvrđene operacije</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How long a finished suspension or re-enable stays on screen; 0 closes at once</source>
        <translation>Koliko dugo završena suspenzija ili ponovna aktivacija ostaje na zaslonu; 0 odmah zatvara</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Jezik</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sustav</translation>
    </message>
    <message>
        <source>Language note</source>
        <translation>Napomena o jeziku</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Svijetla</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Tamna</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Poslužitelj:</translation>
    </message>
    <message>
        <source>&amp;CA bundle:</source>
        <translation>&amp;CA paket:</translation>
    </message>
    <message>
        <source>&amp;Auto-close after:</source>
        <translation>&amp;Automatski zatvori nakon:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Jezik:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>A new server or CA bundle is used from the next sign-in.</source>
        <translation>Novi poslužitelj ili CA paket koristi se od sljedeće prijave.</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Spremi postavke</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>The new language is used after Partner Desk restarts.</source>
        <translation>Novi se jezik koristi nakon ponovnog pokretanja programa Partner Desk.</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM certifikati (*.pem *.crt *.cer);;Sve datoteke (*)</translation>
    </message>
</context>
<context>
    <name>SidebarPreview</name>
    <message>
        <source>In the sidebar</source>
        <translation>Na bočnoj traci</translation>
    </message>
    <message>
        <source>How the logo looks in the sidebar</source>
        <translation>Kako logotip izgleda na bočnoj traci</translation>
    </message>
    <message>
        <source>Logo preview</source>
        <translation>Pretpregled logotipa</translation>
    </message>
    <message>
        <source>My Customers</source>
        <translation>Moji korisnici</translation>
    </message>
    <message>
        <source>Branding</source>
        <translation>Brendiranje</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Pregled</translation>
    </message>
    <message>
        <source>Fitted into {w} × {h} px; never enlarged.</source>
        <translation>Prilagođeno na {w} × {h} px; nikad se ne povećava.</translation>
    </message>
</context>
<context>
    <name>StaffActions</name>
    <message>
        <source>{name} is now: {role}.</source>
        <translation>{name} sada ima ulogu: {role}.</translation>
    </message>
    <message>
        <source>{name} is disabled; their sessions have ended.</source>
        <translation>Račun {name} je onemogućen; njegove su sesije završene.</translation>
    </message>
    <message>
        <source>{name} is enabled and can sign in again.</source>
        <translation>Račun {name} je omogućen i ponovno se može prijaviti.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is now required for everyone.</source>
        <translation>Prijava u dva koraka sada je obavezna za sve.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is no longer required.</source>
        <translation>Prijava u dva koraka više nije obavezna.</translation>
    </message>
    <message>
        <source>Nothing was changed. {reason}</source>
        <translation>Ništa nije promijenjeno. {reason}</translation>
    </message>
</context>
<context>
    <name>StaffCalls</name>
    <message>
        <source>At least 12 characters, please.</source>
        <translation>Barem 12 znakova, molimo.</translation>
    </message>
    <message>
        <source>The server refused it: it is one of the most common passwords. Choose another.</source>
        <translation>Poslužitelj ju je odbio: to je jedna od najčešćih lozinki. Odaberite drugu.</translation>
    </message>
    <message>
        <source>The server refused it: it is the user name. Choose another.</source>
        <translation>Poslužitelj ju je odbio: to je korisničko ime. Odaberite drugu.</translation>
    </message>
    <message>
        <source>This user name is taken; choose another.</source>
        <translation>To je korisničko ime zauzeto; odaberite drugo.</translation>
    </message>
    <message>
        <source>{name} is the team&apos;s only enabled owner: make someone else an owner first.</source>
        <translation>{name} jedini je omogućeni vlasnik u timu: najprije nekoga drugoga učinite vlasnikom.</translation>
    </message>
    <message>
        <source>{name} is no longer on the team.</source>
        <translation>{name} više nije u timu.</translation>
    </message>
</context>
<context>
    <name>StaffConfirmDialog</name>
    <message>
        <source>What happens</source>
        <translation>Što se događa</translation>
    </message>
</context>
<context>
    <name>StaffNotice</name>
    <message>
        <source>What happened</source>
        <translation>Što se dogodilo</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <translation>Osoblje</translation>
    </message>
    <message>
        <source>Loading the team…</source>
        <translation>Učitavanje tima…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Osvježi</translation>
    </message>
    <message>
        <source>Refresh the team</source>
        <translation>Osvježi tim</translation>
    </message>
    <message>
        <source>Add Staff…</source>
        <translation>Dodaj djelatnika…</translation>
    </message>
    <message>
        <source>Add staff</source>
        <translation>Dodaj djelatnika</translation>
    </message>
    <message>
        <source>A colleague of your own, with a role and a first password.</source>
        <translation>Novi kolega, s ulogom i prvom lozinkom.</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Odabrano</translation>
    </message>
    <message>
        <source>Role of the selected person</source>
        <translation>Uloga odabrane osobe</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Uloga:</translation>
    </message>
    <message>
        <source>Disable…</source>
        <translation>Onemogući…</translation>
    </message>
    <message>
        <source>Disable or enable</source>
        <translation>Onemogući ili omogući</translation>
    </message>
    <message>
        <source>Require two-factor for everyone</source>
        <translation>Prijava u dva koraka obavezna za sve</translation>
    </message>
    <message>
        <source>Require two-factor sign-in for everyone</source>
        <translation>Prijava u dva koraka obavezna za sve</translation>
    </message>
    <message>
        <source>No one on the team yet</source>
        <translation>U timu još nema nikoga</translation>
    </message>
    <message>
        <source>Add a colleague with Add Staff; they sign in with their own password.</source>
        <translation>Dodajte kolegu gumbom Dodaj djelatnika; prijavljuje se vlastitom lozinkom.</translation>
    </message>
    <message>
        <source>No staff</source>
        <translation>Nema djelatnika</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Staff&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Osoblje&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Who works on your customers, and what each may do. An owner manages everyone; an admin manages agents and viewers.</source>
        <translation>Tko radi s vašim korisnicima i što tko smije. Vlasnik upravlja svima; administrator upravlja agentima i promatračima.</translation>
    </message>
    <message>
        <source>The team could not be read again. {reason}</source>
        <translation>Tim se nije mogao ponovno učitati. {reason}</translation>
    </message>
    <message>
        <source>The team could not be loaded</source>
        <translation>Tim se nije mogao učitati</translation>
    </message>
    <message>
        <source>Enable…</source>
        <translation>Omogući…</translation>
    </message>
    <message>
        <source>Enable the selected person</source>
        <translation>Omogući odabranu osobu</translation>
    </message>
    <message>
        <source>Disable the selected person</source>
        <translation>Onemogući odabranu osobu</translation>
    </message>
    <message>
        <source>Only an owner can give this role.</source>
        <translation>Ovu ulogu može dati samo vlasnik.</translation>
    </message>
    <message>
        <source>Only an owner can require two-factor sign-in for everyone.</source>
        <translation>Samo vlasnik može zahtijevati prijavu u dva koraka za sve.</translation>
    </message>
    <message>
        <source>{name} is on the team as {role}. They can sign in now.</source>
        <translation>{name} je u timu, uloga: {role}. Već se može prijaviti.</translation>
    </message>
</context>
<context>
    <name>StaffReach</name>
    <message>
        <source>An owner can do everything, also manage owners and admins and require two-factor sign-in for everyone.</source>
        <translation>Vlasnik može sve, i upravljati vlasnicima i administratorima te zahtijevati prijavu u dva koraka za sve.</translation>
    </message>
    <message>
        <source>An admin can do everything with customers, the logo and the activity log, and manage agents and viewers.</source>
        <translation>Administrator može sve s korisnicima, logotipom i zapisnikom aktivnosti te upravljati agentima i promatračima.</translation>
    </message>
    <message>
        <source>An agent can add, edit, suspend and re-enable customers, but cannot remove services, cancel customers, change the logo, see the activity log or manage staff.</source>
        <translation>Agent može dodavati, uređivati, suspendirati i ponovno aktivirati korisnike, ali ne može uklanjati usluge, otkazivati korisnike, mijenjati logotip, vidjeti zapisnik aktivnosti ni upravljati osobljem.</translation>
    </message>
    <message>
        <source>A viewer can look at customers, their services and history, and change nothing.</source>
        <translation>Promatrač može pregledavati korisnike, njihove usluge i povijest, a ne može ništa mijenjati.</translation>
    </message>
    <message>
        <source>You are about to make yourself an admin: you will no longer be able to manage owners or admins, or require two-factor sign-in.</source>
        <translation>Sebi ćete dati ulogu administratora: više nećete moći upravljati vlasnicima ni administratorima, ni zahtijevati prijavu u dva koraka.</translation>
    </message>
    <message>
        <source>You are about to make yourself an agent: you will no longer be able to manage staff.</source>
        <translation>Sebi ćete dati ulogu agenta: više nećete moći upravljati osobljem.</translation>
    </message>
    <message>
        <source>You are about to make yourself a viewer: you will no longer be able to manage staff or change customers.</source>
        <translation>Sebi ćete dati ulogu promatrača: više nećete moći upravljati osobljem ni mijenjati korisnike.</translation>
    </message>
    <message>
        <source>Only an owner can change an owner&apos;s or an admin&apos;s account.</source>
        <translation>Račun vlasnika ili administratora može mijenjati samo vlasnik.</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>Ne možete onemogućiti vlastiti račun.</translation>
    </message>
</context>
<context>
    <name>StaffRules</name>
    <message>
        <source>Required: the name they sign in with.</source>
        <translation>Obavezno: ime kojim se prijavljuje.</translation>
    </message>
    <message>
        <source>Use letters, digits and . _ @ - only, starting with a letter or digit (no spaces).</source>
        <translation>Samo slova, znamenke i . _ @ -, na početku slovo ili znamenka (bez razmaka).</translation>
    </message>
    <message>
        <source>Required: the name colleagues see.</source>
        <translation>Obavezno: ime koje vide kolege.</translation>
    </message>
    <message>
        <source>At least {least} characters ({count} so far).</source>
        <translation>Barem {least} znakova (zasad {count}).</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>Lozinke se ne podudaraju.</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>Name</source>
        <translation>Ime</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Korisničko ime</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-pošta</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Uloga</translation>
    </message>
    <message>
        <source>Two-factor</source>
        <translation>Dva koraka</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Zadnja prijava</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Onemogućen</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (vi)</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Uključeno</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Isključeno</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nikad</translation>
    </message>
    <message>
        <source>Since {time}</source>
        <translation>Od {time}</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Ne</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Starting the demo server…</source>
        <translation>Pokretanje demo poslužitelja…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Prijava u tijeku…</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Customer status</source>
        <translation>Status korisnika</translation>
    </message>
    <message>
        <source>What the status means</source>
        <translation>Što status znači</translation>
    </message>
    <message>
        <source>Suspend Customer</source>
        <translation>Suspendiraj korisnika</translation>
    </message>
    <message>
        <source>Suspend Custo&amp;mer</source>
        <translation>&amp;Suspenzija</translation>
    </message>
    <message>
        <source>Cancel Customer</source>
        <translation>Otkaži korisnika</translation>
    </message>
    <message>
        <source>Cance&amp;l Customer</source>
        <translation>Otkaž&amp;i korisnika</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Zakazano</translation>
    </message>
    <message>
        <source>Scheduled operation</source>
        <translation>Zakazana radnja</translation>
    </message>
    <message>
        <source>Cancel scheduled suspension</source>
        <translation>Otkaži zakazanu suspenziju</translation>
    </message>
    <message>
        <source>Until when it can be undone</source>
        <translation>Do kada se može poništiti</translation>
    </message>
    <message>
        <source>Restore Customer</source>
        <translation>Vrati korisnika</translation>
    </message>
    <message>
        <source>Restore customer</source>
        <translation>Vrati korisnika</translation>
    </message>
    <message>
        <source>Brings the customer and its services back as they were.</source>
        <translation>Vraća korisnika i njegove usluge kakvi su bili.</translation>
    </message>
    <message>
        <source>Suspended since</source>
        <translation>Suspendiran od</translation>
    </message>
    <message>
        <source>Reason for suspension</source>
        <translation>Razlog suspenzije</translation>
    </message>
    <message>
        <source>Record details</source>
        <translation>Podaci o zapisu</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktivan</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendiran</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Otkazan</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Novi</translation>
    </message>
    <message>
        <source>Services are running and billed.</source>
        <translation>Usluge rade i naplaćuju se.</translation>
    </message>
    <message>
        <source>The customer&apos;s services are stopped, but stay billable until removed.</source>
        <translation>Usluge korisnika su zaustavljene, ali se naplaćuju dok se ne uklone.</translation>
    </message>
    <message>
        <source>Every service was removed; billing has stopped.</source>
        <translation>Sve su usluge uklonjene; naplata je zaustavljena.</translation>
    </message>
    <message>
        <source>Not created yet: fill in the details and save.</source>
        <translation>Još nije stvoren: ispunite podatke i spremite.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Suspended since&lt;/b&gt;&lt;br&gt;{when}</source>
        <translation>&lt;b&gt;Suspendiran od&lt;/b&gt;&lt;br&gt;{when}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reason&lt;/b&gt;&lt;br&gt;{reason}</source>
        <translation>&lt;b&gt;Razlog&lt;/b&gt;&lt;br&gt;{reason}</translation>
    </message>
    <message>
        <source>Customer since {created}&lt;br&gt;Last changed {updated}&lt;br&gt;Version {v}</source>
        <translation>Korisnik od {created}&lt;br&gt;Posljednja promjena {updated}&lt;br&gt;Verzija {v}</translation>
    </message>
    <message>
        <source>A canceled customer cannot be changed; restore it first.</source>
        <translation>Otkazani korisnik ne može se mijenjati; najprije ga vratite.</translation>
    </message>
    <message>
        <source>Wait until the operation on this customer ends.</source>
        <translation>Pričekajte da operacija na ovom korisniku završi.</translation>
    </message>
    <message>
        <source>You can undo this until {date} with Restore Customer.</source>
        <translation>Rok za poništavanje naredbom Vrati korisnika: {date}</translation>
    </message>
    <message>
        <source>The {days} days to undo this ended on {date}.</source>
        <translation>Rok od {days} dana za poništavanje je istekao. Datum isteka: {date}</translation>
    </message>
</context>
<context>
    <name>SuspendConfirmDialog</name>
    <message>
        <source>Suspend customer</source>
        <translation>Suspendiraj korisnika</translation>
    </message>
    <message>
        <source>Suspend Customer</source>
        <translation>Suspendiraj korisnika</translation>
    </message>
    <message>
        <source>Suspend {name}?</source>
        <translation>Suspendirati korisnika {name}?</translation>
    </message>
    <message>
        <source>Suspending stops the customer&apos;s services and blocks their control panel until you re-enable the account.</source>
        <translation>Suspenzija zaustavlja usluge korisnika i blokira njegovu upravljačku ploču dok ponovno ne aktivirate račun.</translation>
    </message>
    <message>
        <source>Re-enable customer</source>
        <translation>Ponovno aktiviraj korisnika</translation>
    </message>
    <message>
        <source>Re-enable Customer</source>
        <translation>Ponovno aktiviraj korisnika</translation>
    </message>
    <message>
        <source>Re-enable {name}?</source>
        <translation>Ponovno aktivirati korisnika {name}?</translation>
    </message>
    <message>
        <source>Re-enabling starts the customer&apos;s services again and opens their control panel.</source>
        <translation>Ponovna aktivacija ponovno pokreće usluge korisnika i otvara njegovu upravljačku ploču.</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Razlog</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Što će se dogoditi</translation>
    </message>
    <message>
        <source>Suspended since {when}.</source>
        <translation>Suspendiran od {when}.</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Razlog: {reason}</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Sada</translation>
    </message>
    <message>
        <source>Billed per month:</source>
        <translation>Mjesečna naplata:</translation>
    </message>
    <message>
        <source>Billed per month again:</source>
        <translation>Ponovno mjesečna naplata:</translation>
    </message>
    <message>
        <source>&lt;b&gt;These services stay billable while the customer is suspended&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ove se usluge i dalje naplaćuju dok je korisnik suspendiran&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;These services run again&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ove usluge ponovno rade&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Schedule Suspension</source>
        <translation>Zakaži suspenziju</translation>
    </message>
    <message>
        <source>Schedule Re-enable</source>
        <translation>Zakaži ponovnu aktivaciju</translation>
    </message>
    <message>
        <source>They are billed until you remove them on the Services tab: suspending does not stop billing.</source>
        <translation>Naplaćuju se dok ih ne uklonite na kartici Usluge: suspenzija ne zaustavlja naplatu.</translation>
    </message>
    <message>
        <source>This customer has no services, so nothing is billed while it is suspended.</source>
        <translation>Ovaj korisnik nema usluga, pa se tijekom suspenzije ništa ne naplaćuje.</translation>
    </message>
    <message>
        <source>This customer has no services, so nothing starts running again.</source>
        <translation>Ovaj korisnik nema usluga, pa se ništa ponovno ne pokreće.</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Usluge</translation>
    </message>
    <message>
        <source>Suspend Account</source>
        <translation>Suspendiraj račun</translation>
    </message>
    <message>
        <source>Suspend account</source>
        <translation>Suspendiraj račun</translation>
    </message>
    <message>
        <source>Re-enable Account</source>
        <translation>Ponovno aktiviraj račun</translation>
    </message>
    <message>
        <source>Re-enable account</source>
        <translation>Ponovno aktiviraj račun</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Cancel: send nothing</source>
        <translation>Odustani: ništa se ne šalje</translation>
    </message>
</context>
<context>
    <name>ToggleSwitch</name>
    <message>
        <source>Off</source>
        <translation>Isključeno</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Uključeno</translation>
    </message>
</context>
<context>
    <name>TurnOffDialog</name>
    <message>
        <source>Turn off two-factor sign-in</source>
        <translation>Isključivanje prijave u dva koraka</translation>
    </message>
    <message>
        <source>Turn Off Two-Factor Sign-In</source>
        <translation>Isključivanje prijave u dva koraka</translation>
    </message>
    <message>
        <source>Without two-factor, your password alone signs you in. To turn it off, enter the code your authenticator app shows, or one of your recovery codes. Your recovery codes stop working.</source>
        <translation>Bez prijave u dva koraka za prijavu je dovoljna lozinka. Da biste je isključili, unesite kôd koji prikazuje vaša aplikacija za autentifikaciju ili jedan od kôdova za oporavak. Vaši kôdovi za oporavak prestaju vrijediti.</translation>
    </message>
    <message>
        <source>Code or recovery code</source>
        <translation>Kôd ili kôd za oporavak</translation>
    </message>
    <message>
        <source>123456 or abcde-fghjk</source>
        <translation>123456 ili abcde-fghjk</translation>
    </message>
    <message>
        <source>Code problem</source>
        <translation>Problem s kôdom</translation>
    </message>
    <message>
        <source>Turn Off</source>
        <translation>Isključi</translation>
    </message>
    <message>
        <source>Turn off two-factor</source>
        <translation>Isključi prijavu u dva koraka</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Odustani</translation>
    </message>
    <message>
        <source>Turn off two-factor sign-in?</source>
        <translation>Isključiti prijavu u dva koraka?</translation>
    </message>
    <message>
        <source>Enter a code from the app or a recovery code.</source>
        <translation>Unesite kôd iz aplikacije ili kôd za oporavak.</translation>
    </message>
    <message>
        <source>That code is not right, or was used already. Try the code shown now.</source>
        <translation>Taj kôd nije točan ili je već iskorišten. Pokušajte s kôdom koji se sada prikazuje.</translation>
    </message>
    <message>
        <source>Turning off…</source>
        <translation>Isključivanje…</translation>
    </message>
</context>
</TS>
