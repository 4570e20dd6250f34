<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/crash_dialog.py" line="+46"/>
        <source>Studio Desktop — Unexpected error</source>
        <translation>Studio Desktop — 意外錯誤</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Studio Desktop hit an unexpected error</source>
        <translation>Studio Desktop 發生未預期的錯誤</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your jobs and images are safe. You can continue, but if something behaves oddly, quit and start Studio Desktop again. When reporting the problem, attach the log below.</source>
        <translation>您的任務和圖片都安然無恙。您可以繼續使用；若有任何異常，請結束並重新啟動 Studio Desktop。回報問題時，請附上下方的記錄檔。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open log folder</source>
        <translation>開啟記錄檔資料夾</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy details</source>
        <translation>複製詳細資訊</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>繼續</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Details were saved to:</source>
        <translation>詳細資訊已儲存至：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>1 more error happened since; it has its own crash log in that folder.</source>
        <translation>此後又發生了 1 個錯誤，其當機記錄檔也在該資料夾中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} more errors happened since; each has its own crash log in that folder.</source>
        <translation>此後又發生了 {n} 個錯誤，每個錯誤的當機記錄檔都在該資料夾中。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(the log could not be read: {error})</source>
        <translation>（無法讀取記錄檔：{error}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/filter_bar.py" line="+66"/>
        <source>Search prompts…</source>
        <translation>搜尋提示詞…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Favourites</source>
        <translation>我的最愛</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only favourites</source>
        <translation>只顯示我的最愛</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag</source>
        <translation>標籤</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Workflow template</source>
        <translation>工作流程範本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind of output</source>
        <translation>輸出類型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>所有類型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Images</source>
        <translation>圖片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Animations</source>
        <translation>動畫</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Videos</source>
        <translation>影片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Audio</source>
        <translation>音訊</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When it was made</source>
        <translation>產生時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any time</source>
        <translation>任何時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past 7 days</source>
        <translation>過去 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past 30 days</source>
        <translation>過去 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past year</source>
        <translation>過去一年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range…</source>
        <translation>自訂範圍…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From (inclusive)</source>
        <translation>起始日期（含）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (inclusive)</source>
        <translation>結束日期（含）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trash</source>
        <translation>垃圾桶</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show deleted images, to restore them</source>
        <translation>顯示已刪除的圖片，以便還原</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>All templates</source>
        <translation>所有範本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All models</source>
        <translation>所有模型</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/first_run.py" line="+63"/>
        <location line="+6"/>
        <source>Welcome to Studio Desktop</source>
        <translation>歡迎使用 Studio Desktop</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Studio Desktop makes images with ComfyUI running on your own GPU.</source>
        <translation>Studio Desktop 透過在您自己的 GPU 上執行的 ComfyUI 產生圖片。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Next: pick a template on the Generate tab, describe the image and press Queue (Ctrl+Enter). Servers and other options are under Settings.</source>
        <translation>下一步：在「產生」分頁選擇一個範本，描述想要的圖片，然後按「加入佇列」（Ctrl+Enter）。伺服器和其他選項都在「設定」中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start creating</source>
        <translation>開始創作</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Start ComfyUI: run &lt;b&gt;python main.py&lt;/b&gt; in your ComfyUI folder, or open ComfyUI Desktop.</source>
        <translation>啟動 ComfyUI：在 ComfyUI 資料夾中執行 &lt;b&gt;python main.py&lt;/b&gt;，或開啟 ComfyUI Desktop。</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>It usually listens on &lt;b&gt;{url}&lt;/b&gt;. When it is up, click Check again.</source>
        <translation>它通常監聽 &lt;b&gt;{url}&lt;/b&gt;。啟動完成後，請按「重新檢查」。</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>ComfyUI on another computer or port? Use another address. Without a server, the jobs you queue wait until one is available.</source>
        <translation>ComfyUI 在另一台電腦或其他連接埠上？請使用其他位址。沒有伺服器時，加入佇列的任務會等待，直到有伺服器可用。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>e.g. http://192.168.1.20:8188</source>
        <translation>例如 http://192.168.1.20:8188</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect</source>
        <translation>連線</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address:</source>
        <translation>位址：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Check again</source>
        <translation>重新檢查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use another address…</source>
        <translation>使用其他位址…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue without a server</source>
        <translation>不連線伺服器，繼續</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Looking for ComfyUI at {url}…</source>
        <translation>正在 {url} 尋找 ComfyUI…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Connecting to {url}…</source>
        <translation>正在連線至 {url}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>unknown GPU</source>
        <translation>未知 GPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ComfyUI found at {url} (GPU: {gpu})</source>
        <translation>已在 {url} 找到 ComfyUI（GPU：{gpu}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ComfyUI is not running at {url}</source>
        <translation>{url} 上沒有執行中的 ComfyUI</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start it so that it listens on &lt;b&gt;{url}&lt;/b&gt;. When it is up, click Check again.</source>
        <translation>請啟動它並讓它監聽 &lt;b&gt;{url}&lt;/b&gt;。啟動後按「重新檢查」。</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/model.py" line="+546"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tab.py" line="+128"/>
        <source>Gallery</source>
        <translation>圖庫</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Clear filters</source>
        <translation>清除篩選</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Thumbnail size</source>
        <translation>縮圖大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message numerus="yes">
        <location line="+100"/>
        <source>Moved %n image(s) to the trash</source>
        <translation>
            <numerusform>已將 %n 張圖片移至垃圾桶</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <location line="+250"/>
        <source>Restored %n image(s)</source>
        <translation>
            <numerusform>已還原 %n 張圖片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-232"/>
        <source>Added %n image(s) to favourites</source>
        <translation>
            <numerusform>已將 %n 張圖片加入我的最愛</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Removed %n image(s) from favourites</source>
        <translation>
            <numerusform>已將 %n 張圖片從我的最愛移除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+50"/>
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>正在匯出 %n 張圖片…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+96"/>
        <source>No images match these filters.</source>
        <translation>沒有符合這些篩選條件的圖片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The trash is empty.</source>
        <translation>垃圾桶是空的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No images yet — queue a job on the Generate tab and its results appear here.</source>
        <translation>還沒有圖片 — 在「產生」分頁加入一個任務，結果就會顯示在這裡。</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 張圖片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n selected</source>
        <translation>
            <numerusform>已選取 %n 張</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+69"/>
        <source>Moved %n image(s) back to the trash</source>
        <translation>
            <numerusform>已將 %n 張圖片移回垃圾桶</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Exported %n image(s) to {where}</source>
        <translation>
            <numerusform>已將 %n 張圖片匯出至 {where}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>({count} missing)</source>
        <translation>（缺少 {count} 個）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed: {error}</source>
        <translation>匯出失敗：{error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open viewer</source>
        <translation>開啟檢視器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy image</source>
        <translation>複製圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy prompt</source>
        <translation>複製提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open file</source>
        <translation>開啟檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in folder</source>
        <translation>在資料夾中顯示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remix</source>
        <translation>重混</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove from favourites</source>
        <translation>從我的最愛移除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Favourite</source>
        <translation>加入我的最愛</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags…</source>
        <translation>標籤…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Export %n image(s)</source>
        <translation>
            <numerusform>匯出 %n 張圖片</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To a folder…</source>
        <translation>至資料夾…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a folder, without metadata…</source>
        <translation>至資料夾（不含中繼資料）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a zip file…</source>
        <translation>至 ZIP 檔案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a zip file, without metadata…</source>
        <translation>至 ZIP 檔案（不含中繼資料）…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore</source>
        <translation>還原</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to trash</source>
        <translation>移至垃圾桶</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prompt copied</source>
        <translation>已複製提示詞</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The image file is missing or unreadable.</source>
        <translation>圖片檔案遺失或無法讀取。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image copied</source>
        <translation>已複製圖片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No application could open {path}</source>
        <translation>沒有應用程式能開啟 {path}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tags, separated by commas:</source>
        <translation>標籤，以逗號分隔：</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Tags to add to %n image(s), separated by commas:</source>
        <translation>
            <numerusform>要加入 %n 張圖片的標籤，以逗號分隔：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export to a zip file</source>
        <translation>匯出至 ZIP 檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zip files (*.zip)</source>
        <translation>ZIP 檔案 (*.zip)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to a folder</source>
        <translation>匯出至資料夾</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/general_page.py" line="+53"/>
        <source>Open</source>
        <translation>開啟</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Images, thumbnails, the job database and logs live here. To use another folder, start Studio Desktop with --data-dir FOLDER or set STUDIO_DATA_DIR.</source>
        <translation>圖片、縮圖、任務資料庫和記錄檔都存放在這裡。若要使用其他資料夾，請以 --data-dir FOLDER 啟動 Studio Desktop，或設定 STUDIO_DATA_DIR 環境變數。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Studio Desktop could not use this folder when it started; new images are saved in {folder} until you choose a folder that works.</source>
        <translation>Studio Desktop 啟動時無法使用此資料夾；在您選擇可用的資料夾之前，新圖片會儲存在 {folder}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> hours</source>
        <translation> 小時</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Studio Desktop uses the new language the next time it starts.</source>
        <translation>Studio Desktop 下次啟動時將使用新的語言。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notify me when a batch is done</source>
        <translation>一批任務完成時通知我</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Data folder:</source>
        <translation>資料目錄：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output folder:</source>
        <translation>輸出資料夾：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New images are saved here; existing ones stay where they are.</source>
        <translation>新圖片會儲存在這裡；現有的圖片留在原處。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thumbnail size:</source>
        <translation>縮圖大小：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep deleted images:</source>
        <translation>已刪除圖片保留：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items in the trash are removed for good after this time.</source>
        <translation>垃圾桶中的項目超過此時間後將永久刪除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep temporary files:</source>
        <translation>暫存檔保留：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompts ahead per server:</source>
        <translation>每台伺服器預先送出的任務數：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Prompts handed to each server in advance so its GPU never waits. 2 suits most setups. Takes effect after a restart.</source>
        <translation>預先交給每台伺服器的任務數，讓 GPU 不必等待。大多數情況設為 2 即可。重新啟動後生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language:</source>
        <translation>語言：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theme:</source>
        <translation>主題：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light or dark, following the system</source>
        <translation>淺色或深色，跟隨系統</translation>
    </message>
</context>
<context>
    <name>GenerateForm</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+105"/>
        <source>The workflow the job runs</source>
        <translation>任務要執行的工作流程</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Describe the image: subject, style, lighting, composition…</source>
        <translation>描述圖片：主體、風格、光線、構圖…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to avoid, e.g. blurry, low quality, text, watermark</source>
        <translation>要避免的內容，例如 blurry, low quality, text, watermark</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/server_combos.py" line="+50"/>
        <source>No models known yet</source>
        <translation>尚無已知的模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server&apos;s default model</source>
        <translation>伺服器預設模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server that runs the job uses the first model it lists.</source>
        <translation>執行該任務的伺服器會使用它列出的第一個模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No samplers known yet</source>
        <translation>尚無已知的取樣器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No schedulers known yet</source>
        <translation>尚無已知的排程器</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+11"/>
        <source>Read the model, sampler and scheduler lists again</source>
        <translation>重新讀取模型、取樣器和排程器清單</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sampling steps: more is slower and often finer</source>
        <translation>取樣步數：越多越慢，細節通常越好</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How closely the image follows the prompt</source>
        <translation>圖片遵循提示詞的程度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of the reference image to repaint: 1.0 ignores it entirely</source>
        <translation>對參考圖片重繪的程度：1.0 表示完全忽略參考圖片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many jobs to queue, each with its own seed</source>
        <translation>要加入佇列的任務數，每個任務使用各自的種子</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference images</source>
        <translation>參考圖片</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Prompt</source>
        <translation>提示詞</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Negative prompt</source>
        <translation>負面提示詞</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sampler</source>
        <translation>取樣器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduler</source>
        <translation>排程器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>種子</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Template settings</source>
        <translation>範本設定</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+32"/>
        <source> job</source>
        <translation> 個任務</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> jobs</source>
        <translation> 個任務</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/template_editors.py" line="+103"/>
        <source>ControlNet model</source>
        <translation>ControlNet 模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Control strength</source>
        <translation>控制強度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strength</source>
        <translation>強度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upscale model</source>
        <translation>放大模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale by</source>
        <translation>縮放倍率</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Frames</source>
        <translation>影格數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames per second</source>
        <translation>影格速率 (FPS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds</source>
        <translation>秒數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diffusion model</source>
        <translation>擴散模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edge grow (px)</source>
        <translation>邊緣擴展（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swap model</source>
        <translation>換臉模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Face restore model</source>
        <translation>臉部修復模型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>LoRA {n} strength</source>
        <translation>LoRA {n} 強度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LoRA {n}</source>
        <translation>LoRA {n}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/server_combos.py" line="+30"/>
        <source>{name} is not on server {server}</source>
        <translation>伺服器 {server} 上沒有 {name}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+209"/>
        <location line="+8"/>
        <source>No template is installed.</source>
        <translation>沒有安裝任何範本。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/reference_images.py" line="+99"/>
        <source>The image for {label} is still being copied.</source>
        <translation>{label} 的圖片仍在複製中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add an image for {label}.</source>
        <translation>請為 {label} 加入一張圖片。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+63"/>
        <source>The template {name} is not installed; kept {current}.</source>
        <translation>未安裝範本 {name}，保留 {current}。</translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/tab.py" line="+103"/>
        <location line="+285"/>
        <source>Queue</source>
        <translation>加入佇列</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Queued 1 job</source>
        <translation>已加入 1 個任務</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queued {n} jobs</source>
        <translation>已加入 {n} 個任務</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{queued}; they run once a server is connected</source>
        <translation>{queued}；連線伺服器後即開始執行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling the current job…</source>
        <translation>正在取消目前的任務…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No job is running.</source>
        <translation>沒有執行中的任務。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No server is connected.</source>
        <translation>沒有連線任何伺服器。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Reading the parameters of {name}…</source>
        <translation>正在讀取 {name} 的參數…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not read {name}: {reason}</source>
        <translation>無法讀取 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} has no generation parameters; nothing was changed.</source>
        <translation>{name} 不含產生參數，未做任何變更。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>template {name} (not installed)</source>
        <translation>範本 {name}（未安裝）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restored from Studio Desktop metadata</source>
        <translation>已從 Studio Desktop 中繼資料還原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored from ComfyUI metadata</source>
        <translation>已從 ComfyUI 中繼資料還原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored from A1111/Forge parameters</source>
        <translation>已從 A1111/Forge 參數還原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored</source>
        <translation>已還原</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source}; could not restore: {items}</source>
        <translation>{source}；無法還原：{items}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The clipboard holds no image file to read parameters from.</source>
        <translation>剪貼簿中沒有可讀取參數的圖片檔案。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No server added. Start ComfyUI and add it under Servers (it usually listens on {url}). Queued jobs wait until then.</source>
        <translation>尚未新增伺服器。請啟動 ComfyUI，並在「伺服器」中新增（它通常監聽 {url}）。在此之前，佇列中的任務會持續等待。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not connected to {servers}. Start ComfyUI there or check the address under Servers; queued jobs wait. The lists show the last known names.</source>
        <translation>未連線至 {servers}。請在該處啟動 ComfyUI，或在「伺服器」中檢查位址；佇列中的任務會等待。清單顯示的是上次已知的名稱。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the lists from {server}…</source>
        <translation>正在從 {server} 讀取清單…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not read the lists from {server}: {reason}</source>
        <translation>無法從 {server} 讀取清單：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lists from {server}.</source>
        <translation>清單來自 {server}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Queue {n} jobs</source>
        <translation>加入佇列（{n} 個任務）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot queue:</source>
        <translation>無法加入佇列：</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n more problem(s) are marked in red at their fields.</source>
        <translation>
            <numerusform>另有 %n 個問題已在對應欄位中以紅色標示。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the fields marked in red to queue.</source>
        <translation>請修正標示為紅色的欄位後再加入佇列。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Queue the job (Ctrl+Enter)</source>
        <translation>將任務加入佇列（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>HistoryFilterBar</name>
    <message>
        <location filename="../../studio_desktop/ui/history/filters.py" line="+48"/>
        <source>All jobs</source>
        <translation>所有任務</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting or running</source>
        <translation>等待中或執行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status filter</source>
        <translation>狀態篩選</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search prompts…</source>
        <translation>搜尋提示詞…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search prompts</source>
        <translation>搜尋提示詞</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../studio_desktop/ui/history/model.py" line="+219"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompt</source>
        <translation>提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>種子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>耗時</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+15"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Negative: {negative}</source>
        <translation>負面：{negative}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/history/tab.py" line="+191"/>
        <source>No jobs match these filters</source>
        <translation>沒有符合這些篩選條件的任務</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick another status or change the search.</source>
        <translation>請選擇其他狀態或修改搜尋內容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No jobs yet</source>
        <translation>還沒有任務</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue one on the Generate tab and it shows up here.</source>
        <translation>在「產生」分頁加入一個任務，它就會顯示在這裡。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Queued again</source>
        <translation>已重新加入佇列</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Queued %n job(s) again</source>
        <translation>
            <numerusform>已將 %n 個任務重新加入佇列</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel a waiting or running job before deleting it.</source>
        <translation>刪除等待中或執行中的任務前，請先取消它。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Deleted %n job(s) from History</source>
        <translation>
            <numerusform>已從歷史紀錄中刪除 %n 個任務</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Prompt copied</source>
        <translation>已複製提示詞</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Remix</source>
        <translation>重混</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy prompt</source>
        <translation>複製提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
</context>
<context>
    <name>ImageSlotWidget</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/image_slot.py" line="+146"/>
        <source>Drop an image file here, paste one with Ctrl+V, or browse</source>
        <translation>將圖片檔案拖放到這裡、用 Ctrl+V 貼上，或瀏覽選擇</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label} (optional)</source>
        <translation>{label}（選填）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Drop an image here, paste it (Ctrl+V) or browse</source>
        <translation>將圖片拖放到這裡、貼上（Ctrl+V）或瀏覽選擇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The image {path} is no longer in the library; add it again.</source>
        <translation>圖片 {path} 已不在圖庫中，請重新加入。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>That is a folder, not an image: {name}</source>
        <translation>這是資料夾，不是圖片：{name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That file is not an image: {name}</source>
        <translation>該檔案不是圖片：{name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the pasted image</source>
        <translation>貼上的圖片</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only files on this computer can be used: {url}</source>
        <translation>只能使用本機上的檔案：{url}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The clipboard holds no image or image file.</source>
        <translation>剪貼簿中沒有圖片或圖片檔案。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose an image for {label}</source>
        <translation>為 {label} 選擇圖片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>圖片 (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Could not read {name}: {reason}</source>
        <translation>無法讀取 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copying {name}…</source>
        <translation>正在複製 {name}…</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/viewer.py" line="+252"/>
        <source>Image viewer</source>
        <translation>圖片檢視器</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Previous (←)</source>
        <translation>上一張（←）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next (→)</source>
        <translation>下一張（→）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>符合視窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remix</source>
        <translation>重混</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load these parameters into Generate</source>
        <translation>將這些參數載入「產生」</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>This image file is missing or unreadable.</source>
        <translation>此圖片檔案遺失或無法讀取。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Length {time}</source>
        <translation>長度 {time}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Animated image</source>
        <translation>動畫圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>影片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>音訊</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Prompt</source>
        <translation>提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>負面提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>取樣器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>種子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Length</source>
        <translation>長度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Viewer — {name}</source>
        <translation>檢視器 — {name}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/import_dialog.py" line="+94"/>
        <source>Import workflow</source>
        <translation>匯入工作流程</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Workflow: {name}</source>
        <translation>工作流程：{name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading {name}…</source>
        <translation>正在讀取 {name}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A name for the template</source>
        <translation>範本名稱</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slot</source>
        <translation>欄位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Goes to</source>
        <translation>對應輸入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current value</source>
        <translation>目前的值</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save template</source>
        <translation>儲存範本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Template name</source>
        <translation>範本名稱</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These inputs of the workflow become fields of the Generate form. Double-click a slot to rename it, untick what should keep the workflow&apos;s own value.</source>
        <translation>工作流程的這些輸入會成為「產生」表單中的欄位。按兩下欄位可重新命名；取消勾選的輸入將保留工作流程中的原始值。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The file is still being read.</source>
        <translation>仍在讀取檔案。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the template a name.</source>
        <translation>請為範本命名。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Slot name &apos;{name}&apos; is not valid: use lower-case letters, digits and _, starting with a letter.</source>
        <translation>欄位名稱「{name}」無效：只能使用小寫字母、數字和 _，並以字母開頭。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Two slots are both named &apos;{name}&apos;.</source>
        <translation>有兩個欄位都命名為「{name}」。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saving {name}…</source>
        <translation>正在儲存 {name}…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Could not read or write the file: {reason}</source>
        <translation>無法讀取或寫入檔案：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} could not be read as a ComfyUI workflow ({reason}).</source>
        <translation>無法將 {name} 讀取為 ComfyUI 工作流程（{reason}）。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Found %n input(s) the form can fill.</source>
        <translation>
            <numerusform>找到 %n 個可由表單填寫的輸入。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No inputs were recognised: the template will always run as saved.</source>
        <translation>未辨識出任何輸入：此範本將一律依儲存時的設定執行。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>an image you add</source>
        <translation>您加入的圖片</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Untick to keep the workflow&apos;s own value</source>
        <translation>取消勾選以保留工作流程中的原始值</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A guess: check that this input is what the name says (see below).</source>
        <translation>這是推測：請確認此輸入與名稱相符（見下方）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Double-click to rename</source>
        <translation>按兩下以重新命名</translation>
    </message>
</context>
<context>
    <name>JobDetails</name>
    <message>
        <location filename="../../studio_desktop/ui/history/details.py" line="+171"/>
        <source>No job selected</source>
        <translation>未選取任務</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a job to see its parameters, outputs and errors.</source>
        <translation>選取一個任務，以檢視其參數、輸出和錯誤。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Negative prompt</source>
        <translation>負面提示詞</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What went wrong</source>
        <translation>發生了什麼問題</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Prompt</source>
        <translation>提示詞</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Outputs</source>
        <translation>輸出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remix</source>
        <translation>重混</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load these parameters into Generate</source>
        <translation>將這些參數載入「產生」</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue this failed or cancelled job again</source>
        <translation>將這個失敗或已取消的任務重新加入佇列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Remove this job from History (Undo is offered)</source>
        <translation>從歷史紀錄中移除此任務（可復原）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the job in the queue before deleting it</source>
        <translation>刪除前請先在佇列中取消該任務</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No outputs were recorded (or all of them are in the trash).</source>
        <translation>沒有記錄到輸出（或全部都在垃圾桶中）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outputs appear here when the job finishes.</source>
        <translation>任務完成後，輸出會顯示在這裡。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This job made no outputs.</source>
        <translation>此任務沒有產生輸出。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Server&apos;s default model</source>
        <translation>伺服器預設模型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>取樣器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduler</source>
        <translation>排程器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>種子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Input: {slot}</source>
        <translation>輸入：{slot}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts</source>
        <translation>嘗試次數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>開始時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>完成時間</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Job {id}</source>
        <translation>任務 {id}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Node {node} · {class_type}</source>
        <translation>節點 {node} · {class_type}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Node {node}</source>
        <translation>節點 {node}</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <location filename="../../studio_desktop/ui/history/status.py" line="+30"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrying</source>
        <translation>重試中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>JobText</name>
    <message>
        <location filename="../../studio_desktop/ui/history/formatting.py" line="+37"/>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{m} min {s:02d} s</source>
        <translation>{m} 分 {s:02d} 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小時 {m:02d} 分</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio_desktop/ui/main_window.py" line="+58"/>
        <source>Studio Desktop</source>
        <translation>Studio Desktop</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+159"/>
        <source>Generate</source>
        <translation>產生</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+158"/>
        <source>Gallery</source>
        <translation>圖庫</translation>
    </message>
    <message>
        <location line="-157"/>
        <location line="+157"/>
        <source>History</source>
        <translation>歷史紀錄</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Queue</source>
        <translation>佇列</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>&amp;Undo: {what}</source>
        <translation>復原(&amp;U)：{what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+82"/>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Undone</source>
        <translation>已復原</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>That job no longer exists.</source>
        <translation>該任務已不存在。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters loaded into Generate</source>
        <translation>參數已載入「產生」</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import workflow…</source>
        <translation>匯入工作流程…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open data folder</source>
        <translation>開啟資料目錄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open log folder</source>
        <translation>開啟記錄檔資料夾</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Queue</source>
        <translation>佇列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue job</source>
        <translation>加入佇列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel current job</source>
        <translation>取消目前的任務</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel all jobs…</source>
        <translation>取消所有任務…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Image</source>
        <translation>圖片(&amp;I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next image</source>
        <translation>下一張圖片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Previous image</source>
        <translation>上一張圖片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open viewer</source>
        <translation>開啟檢視器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Toggle favourite</source>
        <translation>加入/移除我的最愛</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts…</source>
        <translation>鍵盤快速鍵…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+119"/>
        <source>About Studio Desktop</source>
        <translation>關於 Studio Desktop</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Import a ComfyUI workflow</source>
        <translation>匯入 ComfyUI 工作流程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ComfyUI API workflows (*.json);;All files (*)</source>
        <translation>ComfyUI API 工作流程 (*.json);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Template saved; it is selected in Generate.</source>
        <translation>範本已儲存，並已在「產生」中選取。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Cancel all jobs</source>
        <translation>取消所有任務</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel every waiting and running job?</source>
        <translation>要取消所有等待中和執行中的任務嗎？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Studio Desktop {version}
Make images with ComfyUI on your own GPU.

Data folder: {folder}</source>
        <translation>Studio Desktop {version}
用您自己 GPU 上的 ComfyUI 產生圖片。

資料目錄：{folder}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Jobs are still in the queue</source>
        <translation>佇列中還有任務</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{running} running and {waiting} waiting jobs.</source>
        <translation>{running} 個任務執行中，{waiting} 個任務等待中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Finish them before quitting, keep them queued for the next start, or cancel them?</source>
        <translation>要等它們完成後再結束、保留到下次啟動時繼續，還是取消它們？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finish, then quit</source>
        <translation>完成後結束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep queued</source>
        <translation>保留在佇列中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel jobs</source>
        <translation>取消任務</translation>
    </message>
</context>
<context>
    <name>MediaPlayer</name>
    <message>
        <location filename="../../studio_desktop/ui/media_player.py" line="+104"/>
        <location line="+178"/>
        <source>Play (Space)</source>
        <translation>播放（空白鍵）</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loop</source>
        <translation>循環播放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play again from the start when it ends</source>
        <translation>播放結束後從頭重新播放</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Playback is not available: Qt&apos;s multimedia module is not installed.</source>
        <translation>無法播放：未安裝 Qt 的多媒體模組。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Playback is not available: Qt found no multimedia backend on this system.</source>
        <translation>無法播放：Qt 在此系統上找不到多媒體後端。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The file {0} is missing.</source>
        <translation>檔案 {0} 不存在。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Pause (Space)</source>
        <translation>暫停（空白鍵）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} cannot be played: {1}</source>
        <translation>無法播放 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>OutputFolderRow</name>
    <message>
        <location filename="../../studio_desktop/ui/output_folder.py" line="+42"/>
        <source>Choose…</source>
        <translation>選擇…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use default</source>
        <translation>使用預設</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Choose the output folder</source>
        <translation>選擇輸出資料夾</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>“{folder}” is not a full path. Use Choose… to pick a folder.</source>
        <translation>「{folder}」不是完整路徑。請使用「選擇…」挑選資料夾。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{folder} is inside the data folder. Choose a folder outside it, or use the default.</source>
        <translation>{folder} 位於資料目錄內。請選擇資料目錄以外的資料夾，或使用預設資料夾。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Studio Desktop cannot save images in {folder}: {error}
Choose another folder.</source>
        <translation>Studio Desktop 無法在 {folder} 中儲存圖片：{error}
請選擇其他資料夾。</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/progress.py" line="+149"/>
        <source>The live preview of a running job appears here, then its result.</source>
        <translation>執行中任務的即時預覽會顯示在這裡，完成後顯示結果。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel the current job (Esc)</source>
        <translation>取消目前的任務（Esc）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No job running</source>
        <translation>沒有執行中的任務</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Starting on {server}…</source>
        <translation>正在 {server} 上啟動…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Step {value}/{max}</source>
        <translation>第 {value}/{max} 步</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Could not show the result: {reason}</source>
        <translation>無法顯示結果：{reason}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Retrying in {delay:.0f} s: {reason}</source>
        <translation>{delay:.0f} 秒後重試：{reason}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job was cancelled.</source>
        <translation>任務已取消。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Failed: {reason}</source>
        <translation>失敗：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This job failed: {reason}</source>
        <translation>此任務失敗：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Took {time}</source>
        <translation>耗時 {time}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Elapsed {time}</source>
        <translation>已耗時 {time}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ETA {time}</source>
        <translation>預計剩餘 {time}</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/delegate.py" line="+127"/>
        <source>Waiting · #{n} · no server can run it: {reason}</source>
        <translation>等待中 · 第 {n} 位 · 沒有伺服器能執行它：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any server</source>
        <translation>任一伺服器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting · #{n} · {where}</source>
        <translation>等待中 · 第 {n} 位 · {where}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retrying on {server} · {reason}</source>
        <translation>正在 {server} 上重試 · {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown error</source>
        <translation>未知錯誤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: {message}</source>
        <translation>失敗：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent to {server}, waiting there</source>
        <translation>已送至 {server}，正在該處等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step {x}/{y}</source>
        <translation>第 {x}/{y} 步</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/model.py" line="+178"/>
        <location line="+22"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{template} · {model} · seed {seed}</source>
        <translation>{template} · {model} · 種子 {seed}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error: {message}</source>
        <translation>錯誤：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No server can run it now: {reason}</source>
        <translation>目前沒有伺服器能執行它：{reason}</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/panel.py" line="+52"/>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel every waiting and running job</source>
        <translation>取消所有等待中和執行中的任務</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Queue is empty</source>
        <translation>佇列是空的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs you queue on the Generate tab wait here.</source>
        <translation>在「產生」分頁加入的任務會在這裡等待。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>To front</source>
        <translation>移至最前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected waiting jobs next</source>
        <translation>接著執行所選的等待中任務</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+226"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>Queue the selected failed or cancelled jobs again</source>
        <translation>將選取的失敗或已取消任務重新加入佇列</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+225"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-224"/>
        <source>Cancel the selected jobs</source>
        <translation>取消所選任務</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear failed</source>
        <translation>清除失敗項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove failed jobs from this list (History keeps them)</source>
        <translation>從此清單移除失敗的任務（歷史紀錄中仍會保留）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Could not read the queued jobs: {reason}</source>
        <translation>無法讀取佇列中的任務：{reason}</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 個等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n running</source>
        <translation>
            <numerusform>%n 個執行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 個失敗</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>Cancelling %n job(s)</source>
        <translation>
            <numerusform>正在取消 %n 個任務</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel all jobs</source>
        <translation>取消所有任務</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel {waiting} waiting and {running} running jobs?</source>
        <translation>要取消 {waiting} 個等待中和 {running} 個執行中的任務嗎？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling every job</source>
        <translation>正在取消所有任務</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Queued %n job(s) again</source>
        <translation>
            <numerusform>已將 %n 個任務重新加入佇列</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Move to front</source>
        <translation>移至最前</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy prompt</source>
        <translation>複製提示詞</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel all…</source>
        <translation>全部取消…</translation>
    </message>
</context>
<context>
    <name>SeedField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/fields.py" line="+388"/>
        <source>Seed, 0 to 4294967295. Typing one locks it.</source>
        <translation>種子，範圍 0 到 4294967295。手動輸入後即鎖定。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock</source>
        <translation>鎖定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked: use this seed; a batch of N jobs gets this seed and the next N-1.
Unlocked: a new random seed for every job.</source>
        <translation>鎖定：使用此種子；一批 N 個任務依序使用此種子及其後的 N-1 個種子。
未鎖定：每個任務使用新的隨機種子。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New</source>
        <translation>隨機</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a new random seed</source>
        <translation>產生新的隨機種子</translation>
    </message>
</context>
<context>
    <name>ServerEditDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/server_edit.py" line="+47"/>
        <source>Edit server</source>
        <translation>編輯伺服器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add server</source>
        <translation>新增伺服器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Desktop GPU</source>
        <translation>例如 桌機 GPU</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optional, e.g. Bearer &lt;token&gt;</source>
        <translation>選填，例如 Bearer &lt;token&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the header</source>
        <translation>顯示標頭內容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sent as the Authorization header, for servers behind a login or a proxy.</source>
        <translation>以 Authorization 標頭送出，適用於需要登入或位於 Proxy 後方的伺服器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test</source>
        <translation>測試</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address:</source>
        <translation>位址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorization:</source>
        <translation>授權資訊：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Connecting to {url}…</source>
        <translation>正在連線至 {url}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{url} is already in the list.</source>
        <translation>{url} 已在清單中。</translation>
    </message>
</context>
<context>
    <name>ServerTableModel</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/server_model.py" line="+62"/>
        <source>Enabled</source>
        <translation>啟用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>位址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Send jobs to this server</source>
        <translation>將任務送至此伺服器</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{gpu} ({free:.1f} GiB free)</source>
        <translation>{gpu}（可用 {free:.1f} GiB）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected</source>
        <translation>已連線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy</source>
        <translation>忙碌中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting…</source>
        <translation>連線中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not reachable</source>
        <translation>無法連線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not checked yet</source>
        <translation>尚未檢查</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/servers_page.py" line="+61"/>
        <source>Studio Desktop sends jobs to these ComfyUI servers. Changes take effect at once.</source>
        <translation>Studio Desktop 會將任務送至這些 ComfyUI 伺服器。變更立即生效。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No servers added yet. Studio Desktop uses ComfyUI on this computer ({url}).
Add a server to use another address or another machine.</source>
        <translation>尚未新增伺服器。Studio Desktop 會使用本機上的 ComfyUI（{url}）。
新增伺服器即可使用其他位址或其他電腦。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test</source>
        <translation>測試</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the selected server answers</source>
        <translation>檢查所選伺服器是否有回應</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Added {name}</source>
        <translation>已新增 {name}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Remove server</source>
        <translation>移除伺服器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove {name} ({url})?
Jobs waiting in the queue stay there and run on the other servers.</source>
        <translation>要移除 {name}（{url}）嗎？
佇列中等待的任務會保留，並在其他伺服器上執行。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>That address is already in the list.</source>
        <translation>該位址已在清單中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Servers</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to {url}…</source>
        <translation>正在連線至 {url}…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/probe.py" line="+32"/>
        <source>ComfyUI {version}</source>
        <translation>ComfyUI {version}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{free:.1f} of {total:.1f} GiB free</source>
        <translation>可用 {free:.1f} / {total:.1f} GiB</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 checkpoint</source>
        <translation>1 個 Checkpoint 模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} checkpoints</source>
        <translation>{n} 個 Checkpoint 模型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected: {details}</source>
        <translation>已連線：{details}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Test failed: {error}</source>
        <translation>測試失敗：{error}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/settings/dialog.py" line="+38"/>
        <source>Servers and Settings</source>
        <translation>伺服器與設定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Servers</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings could not be saved: {error}</source>
        <translation>無法儲存設定：{error}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Output folder</source>
        <translation>輸出資料夾</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../studio_desktop/ui/shortcut_sheet.py" line="+62"/>
        <source>Next image</source>
        <translation>下一張圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous image</source>
        <translation>上一張圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to the window</source>
        <translation>符合視窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual size (100 %)</source>
        <translation>實際大小（100%）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in, zoom out</source>
        <translation>放大、縮小</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, or the mouse wheel</source>
        <translation>，或滑鼠滾輪</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keyboard shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image viewer</source>
        <translation>圖片檢視器</translation>
    </message>
</context>
<context>
    <name>SizeField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/fields.py" line="-151"/>
        <source>Width in pixels (a multiple of 8)</source>
        <translation>寬度，單位為像素（8 的倍數）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height in pixels (a multiple of 8)</source>
        <translation>高度，單位為像素（8 的倍數）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Swap</source>
        <translation>交換</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swap width and height</source>
        <translation>交換寬度和高度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock ratio</source>
        <translation>鎖定比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the aspect ratio when width or height changes</source>
        <translation>變更寬度或高度時維持長寬比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Common sizes for SD 1.5 and SDXL models</source>
        <translation>SD 1.5 和 SDXL 模型的常用尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom size</source>
        <translation>自訂尺寸</translation>
    </message>
</context>
<context>
    <name>SlotEditor</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/slot_editor.py" line="+132"/>
        <source>The server lists no choices</source>
        <translation>伺服器沒有列出可選項目</translation>
    </message>
</context>
<context>
    <name>StudioApp</name>
    <message>
        <location filename="../../studio_desktop/app.py" line="+89"/>
        <source>The output folder {folder} cannot be used; new images are saved in {default}.</source>
        <translation>無法使用輸出資料夾 {folder}；新圖片會儲存在 {default}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something could not be used at start, defaults are used instead (the log has details): {problem}</source>
        <translation>啟動時有內容無法使用，已改用預設值（詳情請見記錄檔）：{problem}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Finishing the queue before quitting…</source>
        <translation>正在完成佇列中的任務，然後結束…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit now (keep them queued)</source>
        <translation>立即結束（保留佇列）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Studio Desktop</source>
        <translation>Studio Desktop</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Finishing {n} jobs before quitting…</source>
        <translation>正在完成 {n} 個任務，然後結束…</translation>
    </message>
</context>
<context>
    <name>StudioStatusBar</name>
    <message>
        <location filename="../../studio_desktop/ui/status_bar.py" line="+54"/>
        <source>No server — start ComfyUI or add one in Settings</source>
        <translation>沒有伺服器 — 請啟動 ComfyUI，或在「設定」中新增</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Queue: {waiting} waiting, {running} running</source>
        <translation>佇列：{waiting} 個等待中，{running} 個執行中</translation>
    </message>
</context>
<context>
    <name>_ServerBadge</name>
    <message>
        <location line="-59"/>
        <source>connected</source>
        <translation>已連線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>busy</source>
        <translation>忙碌中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connecting…</source>
        <translation>連線中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down</source>
        <translation>離線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{free:.1f} GiB free</source>
        <translation>可用 {free:.1f} GiB</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{url} does not answer: {reason}
Start ComfyUI (python main.py), or add or fix the server in Settings.</source>
        <translation>{url} 沒有回應：{reason}
請啟動 ComfyUI（python main.py），或在「設定」中新增或修正伺服器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no answer</source>
        <translation>無回應</translation>
    </message>
</context>
<context>
    <name>_Thumbnails</name>
    <message>
        <location filename="../../studio_desktop/ui/history/details.py" line="-304"/>
        <source>Output {index}</source>
        <translation>輸出 {index}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Missing</source>
        <translation>遺失</translation>
    </message>
</context>
</TS>
