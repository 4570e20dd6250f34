<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AxisRow</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="+225" />
        <source>All (%n)</source>
        <translation>
            <numerusform>All (%n)</numerusform>
            <numerusform>All (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchNotifier</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/batch_notifier.py" line="+125" />
        <source>%n image(s) ready</source>
        <translation>
            <numerusform>%n image ready</numerusform>
            <numerusform>%n images ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
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
        <location line="+2" />
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelled</numerusform>
            <numerusform>%n cancelled</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/gallery/compare.py" line="+602" />
        <source>%n parameter(s) differ (highlighted)</source>
        <translation>
            <numerusform>%n parameter differ (highlighted)</numerusform>
            <numerusform>%n parameters differ (highlighted)</numerusform>
        </translation>
    </message>
</context>
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
    <name>GallerySidebar</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/gallery/sidebar.py" line="+341" />
        <source>Added %n image(s) to {board}</source>
        <translation>
            <numerusform>Added %n image to {board}</numerusform>
            <numerusform>Added %n images to {board}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/gallery/tab.py" line="+263" />
        <source>Moved %n image(s) to the trash</source>
        <translation>
            <numerusform>Moved %n image to the trash</numerusform>
            <numerusform>Moved %n images to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12" />
        <location line="+279" />
        <source>Restored %n image(s)</source>
        <translation>
            <numerusform>Restored %n image</numerusform>
            <numerusform>Restored %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-261" />
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
        <location line="+55" />
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>Exporting %n image…</numerusform>
            <numerusform>Exporting %n images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+137" />
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
        <location line="+70" />
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
        <location line="+59" />
        <source>Export %n image(s)</source>
        <translation>
            <numerusform>Export %n image</numerusform>
            <numerusform>Export %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+220" />
        <source>Delete %n image(s) in the trash for good?</source>
        <translation>
            <numerusform>Delete %n image in the trash for good?</numerusform>
            <numerusform>Delete %n images in the trash for good?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23" />
        <source>Deleted %n image(s) for good</source>
        <translation>
            <numerusform>Deleted %n image for good</numerusform>
            <numerusform>Deleted %n images for good</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/tab.py" line="+575" />
        <source>Queue sweep: %n job(s)</source>
        <translation>
            <numerusform>Queue sweep: %n job</numerusform>
            <numerusform>Queue sweep: %n jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupRows</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/queue/groups.py" line="+101" />
        <source>forever: %n done</source>
        <translation>
            <numerusform>forever: %n done</numerusform>
            <numerusform>forever: %n done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10" />
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/history/tab.py" line="+305" />
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
        <location filename="../../studio_desktop/ui/import_dialog.py" line="+314" />
        <source>Found %n input(s) the form can fill.</source>
        <translation>
            <numerusform>Found %n input the form can fill.</numerusform>
            <numerusform>Found %n inputs the form can fill.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/managed/log_panel.py" line="+210" />
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/problem_list.py" line="+194" />
        <source>%n more problem(s): show all</source>
        <translation>
            <numerusform>%n more problem: show all</numerusform>
            <numerusform>%n more problems: show all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptExpansion</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/prompt_expansion.py" line="+193" />
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n prompt</numerusform>
            <numerusform>%n prompts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/queue/panel.py" line="+315" />
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%n sampling</source>
        <translation>
            <numerusform>%n sampling</numerusform>
            <numerusform>%n sampling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n waiting on server</source>
        <translation>
            <numerusform>%n waiting on server</numerusform>
            <numerusform>%n waiting on server</numerusform>
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
        <location line="+160" />
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
<context>
    <name>ResultStrip</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/result_strip.py" line="+266" />
        <source>This batch: %n image(s)</source>
        <translation>
            <numerusform>This batch: %n image</numerusform>
            <numerusform>This batch: %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudioStatusBar</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/status_bar.py" line="+192" />
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%n sampling</source>
        <translation>
            <numerusform>%n sampling</numerusform>
            <numerusform>%n sampling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n waiting on server</source>
        <translation>
            <numerusform>%n waiting on server</numerusform>
            <numerusform>%n waiting on server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SweepGroup</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="+227" />
        <source>{sizes} = %n job(s)</source>
        <translation>
            <numerusform>{sizes} = %n job</numerusform>
            <numerusform>{sizes} = %n jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/gallery/tag_editor.py" line="+102" />
        <source>Tags of %n images: a tag added is added to each; a tag removed is taken off every one.</source>
        <translation>
            <numerusform>Tags of %n images: a tag added is added to each; a tag removed is taken off every one.</numerusform>
            <numerusform>Tags of %n images: a tag added is added to each; a tag removed is taken off every one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashBanner</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/gallery/trash_banner.py" line="+40" />
        <source>You are looking at the trash — items here are deleted for good after %n day(s).</source>
        <translation>
            <numerusform>You are looking at the trash — items here are deleted for good after %n day.</numerusform>
            <numerusform>You are looking at the trash — items here are deleted for good after %n days.</numerusform>
        </translation>
    </message>
</context>
</TS>
