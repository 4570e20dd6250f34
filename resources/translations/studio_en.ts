<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CrashDialog</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/crash_dialog.py" line="+136" />
        <source>%n more error(s) happened since; each has its own crash log in that folder.</source>
        <translation>
            <numerusform>%n more error happened since; it has its own crash log in that folder.</numerusform>
            <numerusform>%n more errors happened since; each has its own crash log in that folder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/gallery/tab.py" line="+261" />
        <source>Moved %n image(s) to the trash</source>
        <translation>
            <numerusform>Moved %n image to the trash</numerusform>
            <numerusform>Moved %n images to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12" />
        <location line="+250" />
        <source>Restored %n image(s)</source>
        <translation>
            <numerusform>Restored %n image</numerusform>
            <numerusform>Restored %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-232" />
        <source>Added %n image(s) to favourites</source>
        <translation>
            <numerusform>Added %n image to favourites</numerusform>
            <numerusform>Added %n images to favourites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Removed %n image(s) from favourites</source>
        <translation>
            <numerusform>Removed %n image from favourites</numerusform>
            <numerusform>Removed %n images from favourites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+50" />
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>Exporting %n image…</numerusform>
            <numerusform>Exporting %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+114" />
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+69" />
        <source>Moved %n image(s) back to the trash</source>
        <translation>
            <numerusform>Moved %n image back to the trash</numerusform>
            <numerusform>Moved %n images back to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22" />
        <source>Exported %n image(s) to {where}</source>
        <translation>
            <numerusform>Exported %n image to {where}</numerusform>
            <numerusform>Exported %n images to {where}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+51" />
        <source>Export %n image(s)</source>
        <translation>
            <numerusform>Export %n image</numerusform>
            <numerusform>Export %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55" />
        <source>Tags to add to %n image(s), separated by commas:</source>
        <translation>
            <numerusform>Tags to add to %n image, separated by commas:</numerusform>
            <numerusform>Tags to add to %n images, separated by commas:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/tab.py" line="+399" />
        <source>%n more problem(s) are marked in red at their fields.</source>
        <translation>
            <numerusform>%n more problem is marked in red at its field.</numerusform>
            <numerusform>%n more problems are marked in red at their fields.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/history/tab.py" line="+253" />
        <source>Queued %n job(s) again</source>
        <translation>
            <numerusform>Queued %n job again</numerusform>
            <numerusform>Queued %n jobs again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26" />
        <source>Deleted %n job(s) from History</source>
        <translation>
            <numerusform>Deleted %n job from History</numerusform>
            <numerusform>Deleted %n jobs from History</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/import_dialog.py" line="+325" />
        <source>Found %n input(s) the form can fill.</source>
        <translation>
            <numerusform>Found %n input the form can fill.</numerusform>
            <numerusform>Found %n inputs the form can fill.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/queue/panel.py" line="+205" />
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+45" />
        <source>Cancelling %n job(s)</source>
        <translation>
            <numerusform>Cancelling %n job</numerusform>
            <numerusform>Cancelling %n jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+38" />
        <source>Queued %n job(s) again</source>
        <translation>
            <numerusform>Queued %n job again</numerusform>
            <numerusform>Queued %n jobs again</numerusform>
        </translation>
    </message>
</context>
</TS>
