<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActivityExport</name>
    <message numerus="yes">
        <source>Reading the activity log… %Ln events so far</source>
        <translation>
            <numerusform>Reading the activity log… %Ln event so far</numerusform>
            <numerusform>Reading the activity log… %Ln events so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %Ln events…</source>
        <translation>
            <numerusform>Exporting %Ln event…</numerusform>
            <numerusform>Exporting %Ln events…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln events to %1.</source>
        <translation>
            <numerusform>Exported %Ln event to %1.</numerusform>
            <numerusform>Exported %Ln events to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message numerus="yes">
        <source>%n events shown; loading more…</source>
        <translation>
            <numerusform>%n event shown; loading more…</numerusform>
            <numerusform>%n events shown; loading more…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n events shown; more as you scroll</source>
        <translation>
            <numerusform>%n event shown; more as you scroll</numerusform>
            <numerusform>%n events shown; more as you scroll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n events</source>
        <translation>
            <numerusform>%n event, the only one</numerusform>
            <numerusform>All %n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ActivityWords</name>
    <message numerus="yes">
        <source>%n recovery codes left</source>
        <translation>
            <numerusform>%n recovery code left</numerusform>
            <numerusform>%n recovery codes left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkConfirmDialog</name>
    <message numerus="yes">
        <source>Suspend %n customers?</source>
        <translation>
            <numerusform>Suspend %n customer?</numerusform>
            <numerusform>Suspend %n customers?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-enable %n customers?</source>
        <translation>
            <numerusform>Re-enable %n customer?</numerusform>
            <numerusform>Re-enable %n customers?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suspend %n Accounts</source>
        <translation>
            <numerusform>Suspend %n Account</numerusform>
            <numerusform>Suspend %n Accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suspend %n accounts</source>
        <translation>
            <numerusform>Suspend %n account</numerusform>
            <numerusform>Suspend %n accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-enable %n Accounts</source>
        <translation>
            <numerusform>Re-enable %n Account</numerusform>
            <numerusform>Re-enable %n Accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schedule %n Suspensions</source>
        <translation>
            <numerusform>Schedule %n Suspension</numerusform>
            <numerusform>Schedule %n Suspensions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Schedule %n Re-enables</source>
        <translation>
            <numerusform>Schedule %n Re-enable</numerusform>
            <numerusform>Schedule %n Re-enables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-enable %n accounts</source>
        <translation>
            <numerusform>Re-enable %n account</numerusform>
            <numerusform>Re-enable %n accounts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkWords</name>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerExport</name>
    <message numerus="yes">
        <source>Exporting %Ln customers…</source>
        <translation>
            <numerusform>Exporting %Ln customer…</numerusform>
            <numerusform>Exporting %Ln customers…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln customers to %1.</source>
        <translation>
            <numerusform>Exported %Ln customer to %1.</numerusform>
            <numerusform>Exported %Ln customers to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message numerus="yes">
        <source>%n customers</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message numerus="yes">
        <source>%n unexpected errors. You can keep working; copy the details for support. {where}</source>
        <translation>
            <numerusform>%n unexpected error. You can keep working; copy the details for support. {where}</numerusform>
            <numerusform>%n unexpected errors. You can keep working; copy the details for support. {where}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldRules</name>
    <message numerus="yes">
        <source>At most %n characters fit here; the rest was not taken.</source>
        <translation>
            <numerusform>At most %n character fits here; the rest was not taken.</numerusform>
            <numerusform>At most %n characters fit here; the rest was not taken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n alias domains.</source>
        <translation>
            <numerusform>At most %n alias domain.</numerusform>
            <numerusform>At most %n alias domains.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message numerus="yes">
        <source>%n events, newest first</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events, newest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LeaveGuard</name>
    <message numerus="yes">
        <source>%n operations are still running: {which}.</source>
        <translation>
            <numerusform>%n operation is still running: {which}.</numerusform>
            <numerusform>%n operations are still running: {which}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more customers are waiting their turn in a bulk action.</source>
        <translation>
            <numerusform>%n more customer is waiting their turn in a bulk action.</numerusform>
            <numerusform>%n more customers are waiting their turn in a bulk action.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginLinkBox</name>
    <message numerus="yes">
        <source>The one-time link is ready: copy it and paste it into a browser&apos;s address bar. It works once and expires at {time}, in about %n minute(s).</source>
        <translation>
            <numerusform>The one-time link is ready: copy it and paste it into a browser&apos;s address bar. It works once and expires at {time}, in about %n minute.</numerusform>
            <numerusform>The one-time link is ready: copy it and paste it into a browser&apos;s address bar. It works once and expires at {time}, in about %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogoCheck</name>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OperationStatusLabel</name>
    <message numerus="yes">
        <source>%n operations running: {which}</source>
        <translation>
            <numerusform>%n operation running: {which}</numerusform>
            <numerusform>%n operations running: {which}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n operations by colleagues: {which}</source>
        <translation>
            <numerusform>%n operation by colleagues: {which}</numerusform>
            <numerusform>%n operations by colleagues: {which}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OperationWords</name>
    <message numerus="yes">
        <source>Suspending %n customers…</source>
        <translation>
            <numerusform>Suspending %n customer…</numerusform>
            <numerusform>Suspending %n customers…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Re-enabling %n customers…</source>
        <translation>
            <numerusform>Re-enabling %n customer…</numerusform>
            <numerusform>Re-enabling %n customers…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>%Ln customers have a suspension or re-enable scheduled.</source>
        <translation>
            <numerusform>%Ln customer has a suspension or re-enable scheduled.</numerusform>
            <numerusform>%Ln customers have a suspension or re-enable scheduled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln suspended customers keep their services, and those are billed until you remove them.</source>
        <translation>
            <numerusform>%Ln suspended customer keeps their services, and those are billed until you remove them.</numerusform>
            <numerusform>%Ln suspended customers keep their services, and those are billed until you remove them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln suspended customers; none of them is billed any more.</source>
        <translation>
            <numerusform>%Ln suspended customer; they are not billed any more.</numerusform>
            <numerusform>%Ln suspended customers; none of them is billed any more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln active customers</source>
        <translation>
            <numerusform>%Ln active customer</numerusform>
            <numerusform>%Ln active customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln suspended customers</source>
        <translation>
            <numerusform>%Ln suspended customer</numerusform>
            <numerusform>%Ln suspended customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln canceled customers, restorable for 14 days after canceling</source>
        <translation>
            <numerusform>%Ln canceled customer, restorable for 14 days after canceling</numerusform>
            <numerusform>%Ln canceled customers, restorable for 14 days after canceling</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScheduledWeek</name>
    <message numerus="yes">
        <source>%n suspensions scheduled this week</source>
        <translation>
            <numerusform>%n suspension scheduled this week</numerusform>
            <numerusform>%n suspensions scheduled this week</numerusform>
        </translation>
    </message>
</context>
</TS>
