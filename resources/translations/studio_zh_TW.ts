<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>AxisRow</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="+225"/>
        <source>All (%n)</source>
        <translation>
            <numerusform>全部（%n）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchNotifier</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/batch_notifier.py" line="+125"/>
        <source>%n image(s) ready</source>
        <translation>
            <numerusform>%n 張圖片已就緒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n done</source>
        <translation>
            <numerusform>%n 個已完成</numerusform>
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
        <location line="+2"/>
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n 個已取消</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+19"/>
        <source>Studio Desktop</source>
        <translation>Studio Desktop</translation>
    </message>
</context>
<context>
    <name>Boards</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/boards.py" line="+57"/>
        <source>Add to board</source>
        <translation>加入畫板</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New board…</source>
        <translation>新增畫板…</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tag_editor.py" line="+73"/>
        <source>Remove the tag {tag}</source>
        <translation>移除標籤「{tag}」</translation>
    </message>
</context>
<context>
    <name>CompareCanvas</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/compare.py" line="+359"/>
        <source>The image file is missing or unreadable.</source>
        <translation>圖片檔案遺失或無法讀取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location line="+100"/>
        <source>Compare images</source>
        <translation>比較圖片</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Side by side</source>
        <translation>並排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A/B slider</source>
        <translation>A/B 滑桿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag the divider, or move it with Left and Right</source>
        <translation>拖曳分隔線，或用左右方向鍵移動</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fit</source>
        <translation>符合視窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reading the parameters…</source>
        <translation>正在讀取參數…</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>No parameters were recorded for these images.</source>
        <translation>這些圖片沒有記錄參數。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only one image has recorded parameters.</source>
        <translation>只有一張圖片記錄了參數。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n parameter(s) differ (highlighted)</source>
        <translation>
            <numerusform>%n 個參數不同（已醒目標示）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The parameters are the same.</source>
        <translation>參數相同。</translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/needs_panel.py" line="+93"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy to the clipboard</source>
        <translation>複製到剪貼簿</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <location filename="../../studio_desktop/core/comfy/errors.py" line="+46"/>
        <source>Could not reach ComfyUI at {url} for {seconds} s ({reason}). Start ComfyUI (python main.py) or check the server address.</source>
        <translation>{seconds} 秒內都無法連線至位於 {url} 的 ComfyUI（{reason}）。請啟動 ComfyUI（python main.py），或檢查伺服器位址。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not reach ComfyUI at {url} ({reason}). Start ComfyUI (python main.py) or check the server address.</source>
        <translation>無法連線至位於 {url} 的 ComfyUI（{reason}）。請啟動 ComfyUI（python main.py），或檢查伺服器位址。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not reach ComfyUI at {url}. Start ComfyUI (python main.py) or check the server address.</source>
        <translation>無法連線至位於 {url} 的 ComfyUI。請啟動 ComfyUI（python main.py），或檢查伺服器位址。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ComfyUI at {url} did not answer within {seconds} s. It may be busy (loading a model) or stuck; wait and try again, or restart ComfyUI.</source>
        <translation>位於 {url} 的 ComfyUI 未在 {seconds} 秒內回應。它可能正忙（正在載入模型）或已停止回應；請稍候再試，或重新啟動 ComfyUI。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ComfyUI at {url} did not answer in time. It may be busy (loading a model) or stuck; wait and try again, or restart ComfyUI.</source>
        <translation>位於 {url} 的 ComfyUI 未及時回應。它可能正忙（正在載入模型）或已停止回應；請稍候再試，或重新啟動 ComfyUI。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This is usually temporary and will be retried. If it persists, check the ComfyUI console.</source>
        <translation>這通常是暫時性的問題，系統會自動重試。若問題持續，請檢查 ComfyUI 主控台。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file or route does not exist there; check that the address points at ComfyUI.</source>
        <translation>該處沒有這個檔案或路徑；請確認位址指向的是 ComfyUI。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Check the server address and that ComfyUI is up to date.</source>
        <translation>請檢查伺服器位址，並確認 ComfyUI 為最新版本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI at {url} answered HTTP {status}: {said} {advice}</source>
        <translation>位於 {url} 的 ComfyUI 回應 HTTP {status}：{said} {advice}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ComfyUI at {url} answered HTTP {status}. {advice}</source>
        <translation>位於 {url} 的 ComfyUI 回應 HTTP {status}。{advice}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ComfyUI at {url} redirected to another address ({target}); Studio does not follow redirects to other servers. If ComfyUI really lives there, use that address.</source>
        <translation>位於 {url} 的 ComfyUI 重新導向至其他位址（{target}）；Studio 不會跟隨導向其他伺服器的重新導向。若 ComfyUI 確實位於該處，請改用該位址。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ComfyUI at {url} refused access (HTTP {status}). Check the access token (authorization header) set for this server.</source>
        <translation>位於 {url} 的 ComfyUI 拒絕存取（HTTP {status}）。請檢查為此伺服器設定的存取權杖（Authorization 標頭）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>ComfyUI at {url} sent an answer that could not be understood ({reason}). Check that the address points at ComfyUI and not at another web page or proxy.</source>
        <translation>位於 {url} 的 ComfyUI 傳回無法解讀的回應（{reason}）。請確認位址指向的是 ComfyUI，而不是其他網頁或代理伺服器。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>ComfyUI at {url} sent {what} larger than {limit} bytes, more than Studio accepts. Check the workflow&apos;s output size, or that the address points at ComfyUI.</source>
        <translation>位於 {url} 的 ComfyUI 傳送的 {what} 超過 {limit} 位元組，超出 Studio 可接受的上限。請檢查工作流程的輸出大小，或確認位址指向的是 ComfyUI。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ComfyUI sent data that could not be understood ({reason}).</source>
        <translation>ComfyUI 傳送了無法解讀的資料（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/context.py" line="+73"/>
        <source>the output folder {problem}; saving to {folder}</source>
        <translation>輸出資料夾{problem}；改為儲存至 {folder}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a template was skipped: {problem}</source>
        <translation>已略過一個範本：{problem}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/driver.py" line="+203"/>
        <source>paused: the database cannot be written. {error} Every job stays as it was saved; trying again in {delay} s.</source>
        <translation>已暫停：無法寫入資料庫。{error} 所有任務都維持儲存時的狀態；{delay} 秒後重試。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>stopped by an internal error ({kind}: {error}); trying again in {delay} s. The log has the details.</source>
        <translation>因內部錯誤而停止（{kind}：{error}）；{delay} 秒後重試。詳細資訊請見記錄檔。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../studio_desktop/core/engine/events.py" line="+86"/>
        <source>{server}: {reason}</source>
        <translation>{server}：{reason}</translation>
    </message>
    <message>
        <location line="+360"/>
        <source>{server} did not take the cancel ({error}); the job is cancelled here, and the cancel is sent again until the server takes it.</source>
        <translation>{server} 未接受取消要求（{error}）；任務已在此處取消，並會持續傳送取消要求，直到伺服器接受為止。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/failures.py" line="+55"/>
        <source>{node_type} (node {node}) failed: {said}</source>
        <translation>{node_type}（節點 {node}）失敗：{said}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The run was interrupted on the server (from another client?). Retry the job to run it again.</source>
        <translation>執行在伺服器上被中斷（可能來自其他用戶端？）。請重試此任務以重新執行。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>ComfyUI reports the run as &apos;{status}&apos; without outputs.</source>
        <translation>ComfyUI 回報執行狀態為「{status}」，但沒有任何輸出。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Unexpected error ({kind}: {error}); the log has details.</source>
        <translation>意外錯誤（{kind}：{error}）；詳細資訊請見記錄檔。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{error} (gave up after {attempts} attempts)</source>
        <translation>{error}（嘗試 {attempts} 次後放棄）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{error}
{hints}</source>
        <translation>{error}
{hints}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/machine.py" line="+299"/>
        <source>{server} is not reachable: {reason}</source>
        <translation>無法連線至 {server}：{reason}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/settings.py" line="+162"/>
        <source>the settings file {path} {problem} (kept as {aside}); using the default settings</source>
        <translation>設定檔 {path} {problem}（已另存為 {aside}）；改用預設設定</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the settings file {path} {problem}; using the default settings</source>
        <translation>設定檔 {path} {problem}；改用預設設定</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the settings file {path}: {problem}</source>
        <translation>設定檔 {path}：{problem}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{notice} (the file as it was is kept as {aside})</source>
        <translation>{notice}（原本的檔案已另存為 {aside}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>schema_version {value} is not a whole number; read as 1</source>
        <translation>schema_version {value} 不是整數；視為 1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{name} {problem}</source>
        <translation>{name} {problem}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{value} is not a whole number; using {default}</source>
        <translation>{value} 不是整數；改用 {default}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{value} is outside {low}–{high}; using {near}</source>
        <translation>{value} 超出 {low}–{high} 的範圍；改用 {near}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{value} is not true or false; using {default}</source>
        <translation>{value} 不是 true 或 false；改用 {default}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+21"/>
        <source>{value} is not one of {allowed}; using {default}</source>
        <translation>{value} 不是 {allowed} 其中之一；改用 {default}</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>{value} is not a folder path; using {default} (outputs/)</source>
        <translation>{value} 不是資料夾路徑；改用 {default}（outputs/）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{value} is not text; using {default}</source>
        <translation>{value} 不是文字；改用 {default}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is not a saved form; using {default}</source>
        <translation>不是已儲存的表單；改用 {default}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds text or numbers that cannot be saved; using {default}</source>
        <translation>含有無法儲存的文字或數字；改用 {default}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>is not a saved window state; using the default window layout</source>
        <translation>不是已儲存的視窗狀態；改用預設的視窗配置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>holds text that cannot be saved; using the default window layout</source>
        <translation>含有無法儲存的文字；改用預設的視窗配置</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/urls.py" line="+32"/>
        <source>The server address is empty. Use one like {example}.</source>
        <translation>伺服器位址是空的。請使用類似 {example} 的位址。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it contains a space or a line break</source>
        <translation>包含空格或換行</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>it has no host name</source>
        <translation>沒有主機名稱</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{address}: a server address cannot have a query (?) or fragment (#).</source>
        <translation>{address}：伺服器位址不能包含查詢字串（?）或片段（#）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>a line break</source>
        <translation>換行字元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a character that is not ASCII</source>
        <translation>非 ASCII 字元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a control character</source>
        <translation>控制字元</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The access token (Authorization header) contains {problem}; it must be one line of plain ASCII text, such as Bearer &lt;token&gt;.</source>
        <translation>存取權杖（Authorization 標頭）包含{problem}；它必須是單行的純 ASCII 文字，例如 Bearer &lt;token&gt;。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{address} is not a server address: {why}.</source>
        <translation>{address} 不是伺服器位址：{why}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it must start with http:// or https:// (like {example})</source>
        <translation>必須以 http:// 或 https:// 開頭（例如 {example}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>its IPv6 address is not closed with ]</source>
        <translation>IPv6 位址缺少結尾的 ]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the port must be a number from 1 to 65535</source>
        <translation>連接埠必須是 1 到 65535 之間的數字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it cannot be read</source>
        <translation>無法讀取</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/sources.py" line="+112"/>
        <source>{name} is {size} MB, too large to be a ComfyUI workflow.</source>
        <translation>{name} 大小為 {size} MB，太大了，不可能是 ComfyUI 工作流程。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{name} could not be read as a ComfyUI workflow ({reason}).</source>
        <translation>無法將 {name} 讀取為 ComfyUI 工作流程（{reason}）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} is too large to look for a workflow in it.</source>
        <translation>{name} 太大，無法在其中尋找工作流程。</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Cannot read {name}: {reason}.</source>
        <translation>無法讀取 {name}：{reason}。</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>{name} is not a text file, so not a ComfyUI workflow.</source>
        <translation>{name} 不是文字檔，因此不是 ComfyUI 工作流程。</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>{name} carries A1111/Forge generation settings, not a ComfyUI workflow. Drop it onto Generate to use its settings with a template.</source>
        <translation>{name} 包含的是 A1111/Forge 的產生參數，而不是 ComfyUI 工作流程。請將它拖放到「產生」頁面，以便在範本中使用這些參數。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} carries no ComfyUI workflow (no &apos;prompt&apos; or &apos;workflow&apos; metadata).</source>
        <translation>{name} 中沒有 ComfyUI 工作流程（沒有 &apos;prompt&apos; 或 &apos;workflow&apos; 中繼資料）。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>{name} is not valid JSON (line {line}, column {column}), so it is not a ComfyUI workflow.</source>
        <translation>{name} 不是有效的 JSON（第 {line} 行，第 {column} 欄），因此不是 ComfyUI 工作流程。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/importer.py" line="+74"/>
        <source>{what}: {help}</source>
        <translation>{what}：{help}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{what} is not a ComfyUI API-format workflow (expected an object).</source>
        <translation>{what} 不是 ComfyUI API 格式的工作流程（應為物件）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{what} is an empty workflow: it has no nodes.</source>
        <translation>{what} 是空的工作流程：沒有任何節點。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../studio_desktop/core/workflows/ui_graph/errors.py" line="+52"/>
        <source>{what}: {problem}</source>
        <translation>{what}：{problem}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{what} is a ComfyUI history of {count} prompts, and a template is made of one: ask ComfyUI for the one you want (/history/&lt;prompt id&gt;) and import that.</source>
        <translation>{what} 是包含 {count} 筆執行紀錄的 ComfyUI 歷史紀錄，但一個範本只能由其中一筆建立：請向 ComfyUI 取得您要的那一筆（/history/&lt;prompt id&gt;），再匯入它。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/nesting.py" line="+26"/>
        <source>{what}: the workflow is nested too deeply (over {levels} levels).</source>
        <translation>{what}：工作流程的巢狀層級過深（超過 {levels} 層）。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/ui_format.py" line="+18"/>
        <source>This is a ComfyUI workflow in the editor&apos;s own format (the one Save writes), not the API format Studio Desktop runs. In ComfyUI open it and choose Workflow &gt; Export (API) in the menu, then import the file that gives. On older ComfyUI versions: open Settings (the gear), turn on &apos;Enable Dev mode Options&apos;, then use the &apos;Save (API Format)&apos; button.</source>
        <translation>這是 ComfyUI 編輯器自有格式的工作流程（即 Save 所儲存的格式），而不是 Studio Desktop 執行的 API 格式。請在 ComfyUI 中開啟它，從選單選擇 Workflow &gt; Export (API)，然後匯入所產生的檔案。較舊版本的 ComfyUI：開啟設定（齒輪圖示），啟用「Enable Dev mode Options」，然後使用「Save (API Format)」按鈕。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Converting a workflow in the editor&apos;s format needs the node list of a ComfyUI server, and none is connected. Connect a server and try again, or export the API format: {help}</source>
        <translation>轉換編輯器格式的工作流程需要 ComfyUI 伺服器的節點清單，但目前沒有已連線的伺服器。請連線伺服器後再試一次，或匯出 API 格式：{help}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/validate.py" line="+27"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ControlNet model</source>
        <translation>ControlNet 模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diffusion model</source>
        <translation>擴散模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Text encoder</source>
        <translation>文字編碼器</translation>
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
        <source>Upscale method</source>
        <translation>放大方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upscale model</source>
        <translation>放大模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLIP vision model</source>
        <translation>CLIP Vision 模型</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The workflow has no nodes.</source>
        <translation>工作流程中沒有任何節點。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Node {node} is not a ComfyUI node (it has no class_type).</source>
        <translation>節點 {node} 不是 ComfyUI 節點（缺少 class_type）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Node {node} ({class_type}) has inputs that are not an object.</source>
        <translation>節點 {node}（{class_type}）的輸入不是物件。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The workflow has no output node (such as Save Image), so the server would not run it.</source>
        <translation>工作流程沒有輸出節點（例如 Save Image），因此伺服器不會執行它。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The server has no &apos;{class_type}&apos; node ({pack}). {hint}</source>
        <translation>伺服器上沒有「{class_type}」節點（{pack}）。{hint}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server has no &apos;{class_type}&apos; node: install the custom node pack {pack}{where} on the server and restart ComfyUI.{how}</source>
        <translation>伺服器上沒有 &apos;{class_type}&apos; 節點：請在伺服器上安裝自訂節點套件 {pack}{where}，然後重新啟動 ComfyUI。{how}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server has no &apos;{class_type}&apos; node. It may come from a custom node pack that is not installed there, or need a newer ComfyUI.</source>
        <translation>伺服器上沒有「{class_type}」節點。它可能來自伺服器上未安裝的自訂節點套件，或需要較新版本的 ComfyUI。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Node {node} ({class_type}) needs its input &apos;{name}&apos;, which is missing.</source>
        <translation>節點 {node}（{class_type}）缺少必要的輸入「{name}」。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{noun} &apos;{value}&apos; is not on this server ({listing}).{hint}</source>
        <translation>此伺服器上沒有 {noun}「{value}」（{listing}）。{hint}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&apos;{name}&apos; of node {node} ({class_type}) must be a number, not {value}.</source>
        <translation>節點 {node}（{class_type}）的「{name}」必須是數字，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{label} must be at least {bound} (it is {value}).</source>
        <translation>{label} 必須至少為 {bound}（目前為 {value}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{label} must be at most {bound} (it is {value}).</source>
        <translation>{label} 最多只能為 {bound}（目前為 {value}）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;{name}&apos; of node {node}</source>
        <translation>節點 {node} 的「{name}」</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Input &apos;{name}&apos; of node {node} ({class_type}) {problem}.</source>
        <translation>節點 {node}（{class_type}）的輸入「{name}」{problem}。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>is a malformed link {link} (expected [node id, output index])</source>
        <translation>是格式錯誤的連結 {link}（應為 [node id, output index]）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is a malformed link {link} (the output index must be a whole number)</source>
        <translation>是格式錯誤的連結 {link}（output index 必須是整數）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is linked to node {source}, which is not in the workflow</source>
        <translation>連結到節點 {source}，但該節點不在工作流程中</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>is linked to output {index} of node {source} ({source_class}), which has 1 output</source>
        <translation>連結到節點 {source}（{source_class}）的輸出 {index}，但該節點只有 1 個輸出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is linked to output {index} of node {source} ({source_class}), which has {count} outputs</source>
        <translation>連結到節點 {source}（{source_class}）的輸出 {index}，但該節點只有 {count} 個輸出</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>expects {wanted} but is linked to an output of type {received} (node {source})</source>
        <translation>需要 {wanted}，卻連結到類型為 {received} 的輸出（節點 {source}）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nodes form a loop: {path}. A workflow must flow one way.</source>
        <translation>節點形成迴圈：{path}。工作流程必須單向流動。</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>it has none</source>
        <translation>伺服器上一個也沒有</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it has: {shown} and {more} more</source>
        <translation>伺服器上有：{shown}，以及另外 {more} 個</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it has: {shown}</source>
        <translation>伺服器上有：{shown}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/workers/pool.py" line="+169"/>
        <source>{url} is already in the list.</source>
        <translation>{url} 已在清單中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Adding the server</source>
        <translation>新增伺服器</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{url} is not in the list.</source>
        <translation>{url} 不在清單中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Removing the server</source>
        <translation>移除伺服器</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Queueing</source>
        <translation>加入佇列</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <location line="+21"/>
        <source>Cancelling</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Moving the job</source>
        <translation>移動任務</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+15"/>
        <source>Retrying</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pinning the group</source>
        <translation>正在固定群組</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pinning the job</source>
        <translation>正在固定任務</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pausing the group</source>
        <translation>正在暫停群組</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pausing the queue</source>
        <translation>正在暫停佇列</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resuming the queue</source>
        <translation>正在恢復佇列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The queue is shut down.</source>
        <translation>佇列已關閉。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{what} failed unexpectedly; the log has the details.</source>
        <translation>{what}意外失敗；詳細資訊請見記錄檔。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/dispatcher.py" line="+53"/>
        <source>This job has already ended; it cannot be cancelled.</source>
        <translation>此任務已結束，無法取消。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This job has already completed; it cannot be cancelled.</source>
        <translation>此任務已完成，無法取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This job has already failed; it cannot be cancelled.</source>
        <translation>此任務已失敗，無法取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This job is already cancelled.</source>
        <translation>此任務已取消。</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>{url} is already connected.</source>
        <translation>{url} 已連線。</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Only a waiting job can be pinned.</source>
        <translation>只能固定等待中的任務。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/store/errors.py" line="+41"/>
        <source>This job no longer exists.</source>
        <translation>此任務已不存在。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/dispatcher.py" line="-74"/>
        <source>Only a waiting job can be moved to the front.</source>
        <translation>只有等待中的任務才能移到最前面。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Only a failed or cancelled job can be retried.</source>
        <translation>只有失敗或已取消的任務才能重試。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/store/errors.py" line="+9"/>
        <source>This group no longer exists.</source>
        <translation>此群組已不存在。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This image no longer exists.</source>
        <translation>此圖片已不存在。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A server with the address {url} is already in the list.</source>
        <translation>位址為 {url} 的伺服器已在清單中。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This board no longer exists.</source>
        <translation>此畫板已不存在。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A board named &apos;{name}&apos; exists already.</source>
        <translation>已存在名為「{name}」的畫板。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A board needs a name.</source>
        <translation>畫板需要一個名稱。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/coordinator.py" line="+156"/>
        <source>No server can run this job. {why}</source>
        <translation>沒有伺服器能執行此任務。{why}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/placement.py" line="+59"/>
        <source>connecting</source>
        <translation>正在連線</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not reachable</source>
        <translation>無法連線</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>this server is not in use</source>
        <translation>此伺服器未啟用</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the template {name} is not installed here</source>
        <translation>此處未安裝範本 {name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>lacks the nodes {nodes} ({pack}). {help}</source>
        <translation>缺少節點 {nodes}（{pack}）。{help}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lacks the nodes {nodes}</source>
        <translation>缺少節點 {nodes}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>install {pack} ({url}) and restart ComfyUI.{how}</source>
        <translation>請安裝 {pack}（{url}）並重新啟動 ComfyUI。{how}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>install {pack} and restart ComfyUI.{how}</source>
        <translation>請安裝 {pack} 並重新啟動 ComfyUI。{how}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>lacks the model {model} (download it from {url} into ComfyUI&apos;s models/{folder} folder)</source>
        <translation>缺少模型 {model}（請從 {url} 下載到 ComfyUI 的 models/{folder} 資料夾）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>lacks the model {model} (download it into ComfyUI&apos;s models/{folder} folder)</source>
        <translation>缺少模型 {model}（請下載到 ComfyUI 的 models/{folder} 資料夾）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>lacks the model {model}</source>
        <translation>缺少模型 {model}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/messages.py" line="+80"/>
        <source>{first}; {second}</source>
        <translation>{first}；{second}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/ui_graph/errors.py" line="-37"/>
        <source>not installed on the server: it comes from the node pack {pack}. Install that pack in ComfyUI, or remove the node.</source>
        <translation>伺服器上未安裝：它來自節點套件 {pack}。請在 ComfyUI 中安裝該套件，或移除該節點。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not installed on the server. Install the node pack that provides it in ComfyUI, or remove the node.</source>
        <translation>伺服器上未安裝。請在 ComfyUI 中安裝提供它的節點套件，或移除該節點。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its input {input} is linked to node {origin}, which is not in the workflow.</source>
        <translation>它的輸入 {input} 連結到節點 {origin}，但該節點不在工作流程中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its input {input} goes round in a loop of reroutes or bypassed nodes.</source>
        <translation>它的輸入 {input} 在轉接點（Reroute）或已略過（bypass）的節點之間形成迴圈。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a subgraph whose definition is missing from the workflow.</source>
        <translation>這是一個子圖，但工作流程中缺少它的定義。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>subgraphs nest more than {limit} deep (or contain themselves).</source>
        <translation>子圖巢狀超過 {limit} 層（或包含自身）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what} is not a ComfyUI workflow: {reason}.</source>
        <translation>{what} 不是 ComfyUI 工作流程：{reason}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what}: node number {index} is not a valid node ({reason}).</source>
        <translation>{what}：第 {index} 個節點不是有效的節點（{reason}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what}: the workflow has no node the server would run.</source>
        <translation>{what}：此工作流程中沒有伺服器會執行的節點。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Node {node} ({type}): {reason}</source>
        <translation>節點 {node}（{type}）：{reason}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/export.py" line="+46"/>
        <source>This job has no workflow yet: it is recorded when the job is sent to a server.</source>
        <translation>此任務還沒有工作流程：工作流程會在任務送到伺服器時記錄。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The UI format needs a connected ComfyUI server&apos;s node list (its output file carries no &apos;workflow&apos; to copy). Connect a server and try again, or export the API format.</source>
        <translation>UI 格式需要已連線的 ComfyUI 伺服器的節點清單（其輸出檔中沒有可直接複製的 &apos;workflow&apos;）。請連線伺服器後再試一次，或匯出 API 格式。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not write the UI-format workflow: {reason}</source>
        <translation>無法產生 UI 格式的工作流程：{reason}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/ui_graph/model.py" line="+112"/>
        <source>it has no list of nodes</source>
        <translation>其中沒有節點清單</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>not an object</source>
        <translation>不是物件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no id</source>
        <translation>沒有 id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no type</source>
        <translation>沒有類型</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/graph_options.py" line="+142"/>
        <source>This workflow has no checkpoint loader (CheckpointLoaderSimple), so LoRAs, a VAE or CLIP skip cannot be added to it.</source>
        <translation>此工作流程沒有 Checkpoint 載入器（CheckpointLoaderSimple），因此無法加入 LoRA、VAE 或 CLIP 略過層。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This workflow has {count} checkpoint loaders (nodes {nodes}); LoRAs, a VAE or CLIP skip are only added where there is one.</source>
        <translation>此工作流程有 {count} 個 Checkpoint 載入器（節點 {nodes}）；只有在僅有一個時才能加入 LoRA、VAE 或 CLIP 略過層。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This workflow has no KSampler node, so a hires fix or a latent batch cannot be added to it.</source>
        <translation>此工作流程沒有 KSampler 節點，因此無法加入高解析修復或 Latent 批次。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This workflow has {count} KSampler nodes (nodes {nodes}); a hires fix or a latent batch is only added where there is one.</source>
        <translation>此工作流程有 {count} 個 KSampler 節點（節點 {nodes}）；只有在僅有一個時才能加入高解析修復或 Latent 批次。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The KSampler&apos;s latent image is not linked, so a latent batch cannot be added.</source>
        <translation>KSampler 的 Latent 圖片沒有連接，因此無法加入 Latent 批次。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The KSampler&apos;s result goes to no VAE Decode node, so it cannot be upscaled with a model; choose the latent upscaler.</source>
        <translation>KSampler 的結果沒有連接到 VAE 解碼節點，因此無法以放大模型放大；請選擇 Latent 放大。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/prompts/dynamic.py" line="+94"/>
        <source>The prompt has more than {limit} combinations; use random mode or fewer choices.</source>
        <translation>此提示詞的組合超過 {limit} 種；請使用隨機模式或減少選項。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The prompt cannot be read at line {line}, column {column} (near &apos;{found}&apos;): check that each {open} has its {close} and that $$ and :: are inside braces.</source>
        <translation>無法讀取提示詞第 {line} 行第 {column} 欄（「{found}」附近）：請檢查每個 {open} 都有對應的 {close}，且 $$ 與 :: 位於大括號內。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The wildcard __{name}__ has no file: add {name}.txt to {folder}.</source>
        <translation>萬用字元 __{name}__ 沒有對應的檔案：請將 {name}.txt 加入 {folder}。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/prompts/jobs.py" line="+54"/>
        <source>{combinations} combinations × {jobs} jobs each is more than {limit} jobs.</source>
        <translation>{combinations} 種組合 × 每種 {jobs} 個任務，超過了 {limit} 個任務。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/managed/downloads.py" line="+61"/>
        <source>The download was cancelled.</source>
        <translation>下載已取消。</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+17"/>
        <location line="+10"/>
        <source>&apos;{name}&apos; is not a file name that can be saved.</source>
        <translation>&apos;{name}&apos; 不是可以儲存的檔案名稱。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>The server answered {status} {reason} for {url}.</source>
        <translation>伺服器對 {url} 的回應是 {status} {reason}。</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The disk is full: free some space in {folder}.</source>
        <translation>磁碟已滿：請在 {folder} 所在磁碟上騰出空間。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot write in {folder}: {reason}</source>
        <translation>無法寫入 {folder}：{reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{url} did not answer in time; try again.</source>
        <translation>{url} 未能及時回應；請重試。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not connect to {url}: {reason}</source>
        <translation>無法連線到 {url}：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file at {url} changed since the download began; it starts again from the beginning on the next try.</source>
        <translation>{url} 上的檔案在下載開始後已變更；下次重試將從頭開始下載。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The connection dropped after {done} of {total} bytes; try again to resume.</source>
        <translation>連線在 {done} / {total} 位元組處中斷；重試即可繼續下載。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is damaged or not the expected file (SHA-256 {actual}, expected {expected}); it was deleted.</source>
        <translation>{name} 已損毀或不是預期的檔案（SHA-256 為 {actual}，應為 {expected}）；已將其刪除。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/packs.py" line="+40"/>
        <source> In ComfyUI&apos;s folder, with its Python: {manager} (ComfyUI-Manager), or {comfy} (comfy-cli).</source>
        <translation>在 ComfyUI 的資料夾中，用它的 Python 執行：{manager}（ComfyUI-Manager），或 {comfy}（comfy-cli）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> In ComfyUI&apos;s folder: {command}.</source>
        <translation>在 ComfyUI 的資料夾中執行：{command}。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/sweeps/axes.py" line="+45"/>
        <source>sweep axis {axis} ({spec}): {problem}</source>
        <translation>掃描 {axis} 軸（{spec}）：{problem}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sweep axis {axis} ({spec}) at character {where}: {problem}</source>
        <translation>掃描 {axis} 軸（{spec}）第 {where} 個字元：{problem}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{count} values; at most {most}</source>
        <translation>{count} 個值；最多 {most} 個</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>expected FIELD=VALUES, e.g. steps=10,20,30</source>
        <translation>應為 欄位=值，例如 steps=10,20,30</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown field {name}; one of {known}</source>
        <translation>未知欄位 {name}；可用：{known}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no values after &apos;=&apos;</source>
        <translation>「=」後面沒有值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a prompt axis needs the text to replace and what replaces it</source>
        <translation>提示詞軸需要要取代的文字以及取代成的文字</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>seed {seed} is not 0 to {most}</source>
        <translation>種子 {seed} 不在 0 到 {most} 之間</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{field} must be at least 1</source>
        <translation>{field} 至少為 1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>empty value (two commas in a row?)</source>
        <translation>空值（連續兩個逗號？）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整數</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{value} is not a number</source>
        <translation>{value} 不是數字</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{value} is not a finite number</source>
        <translation>{value} 不是有限的數字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{value} is not WIDTHxHEIGHT, e.g. 512x768</source>
        <translation>{value} 不是 寬x高 格式，例如 512x768</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>a range of whole numbers needs whole ends</source>
        <translation>整數範圍的兩端必須是整數</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>[0] values</source>
        <translation>[0] 個值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a range of decimals needs a step (+0.1) or a count [5]</source>
        <translation>小數範圍需要步長 (+0.1) 或個數 [5]</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the step is 0</source>
        <translation>步長為 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a step of {step} never gets from {start} to {end}</source>
        <translation>步長 {step} 無法從 {start} 到達 {end}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a whole-number field needs a whole step</source>
        <translation>整數欄位需要整數步長</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>a quote that is never closed</source>
        <translation>引號沒有閉合</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>expected &apos;,&apos; after a quoted value</source>
        <translation>帶引號的值後面應為「,」</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>at most 3 axes (X, Y, Z)</source>
        <translation>最多 3 個軸（X、Y、Z）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{field} is already axis {axis}</source>
        <translation>{field} 已經是 {axis} 軸</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{count} cells; at most {most}</source>
        <translation>{count} 個儲存格；最多 {most} 個</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the prompt does not hold {text}</source>
        <translation>提示詞中沒有 {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the negative does not hold {text}</source>
        <translation>反向提示詞中沒有 {text}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/managed/messages.py" line="+21"/>
        <source>could not run {python}</source>
        <translation>無法執行 {python}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ComfyUI exited while starting (exit code {code})</source>
        <translation>ComfyUI 在啟動過程中結束（結束代碼 {code}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ComfyUI did not answer on {url} within {seconds} s</source>
        <translation>ComfyUI 在 {seconds} 秒內未在 {url} 上回應</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>stopped while starting</source>
        <translation>在啟動過程中被停止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a ComfyUI already answers at {url}</source>
        <translation>{url} 上已有一個 ComfyUI 在回應</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>port {port} is taken by something that is not ComfyUI: using {instead}</source>
        <translation>連接埠 {port} 已被其他非 ComfyUI 的程式佔用：改用 {instead}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>ComfyUI stopped unexpectedly (exit code {code})</source>
        <translation>ComfyUI 意外停止（結束代碼 {code}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{problem}; restarting in {seconds} s</source>
        <translation>{problem}；將在 {seconds} 秒後重新啟動</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{problem}; gave up after {restarts} restarts</source>
        <translation>{problem}；重新啟動 {restarts} 次後已放棄</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ComfyUI is back at {url}</source>
        <translation>ComfyUI 已在 {url} 恢復執行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{folder} is not a ComfyUI folder</source>
        <translation>{folder} 不是 ComfyUI 資料夾</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI&apos;s code was not found for {folder}</source>
        <translation>找不到 {folder} 的 ComfyUI 程式碼</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no python was found beside {folder}; name one</source>
        <translation>{folder} 旁邊找不到 Python；請指定一個</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} is not a way to run ComfyUI (gpu, lowvram or cpu)</source>
        <translation>{name} 不是 ComfyUI 的執行方式（可用 gpu、lowvram 或 cpu）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the extra arguments have an unclosed quote</source>
        <translation>額外參數中有未閉合的引號</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the extra arguments end with a lone backslash</source>
        <translation>額外參數以單獨的反斜線結尾</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the extra arguments cannot be read: {error}</source>
        <translation>無法讀取額外參數：{error}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/managed/registry.py" line="+17"/>
        <source>Local ComfyUI (managed)</source>
        <translation>本機 ComfyUI（託管）</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/servers.py" line="+37"/>
        <source>Local ComfyUI</source>
        <translation>本機 ComfyUI</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/defaults.py" line="+127"/>
        <source>Server&apos;s default model</source>
        <translation>伺服器預設模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{model} (the server&apos;s default)</source>
        <translation>{model}（伺服器預設模型）</translation>
    </message>
</context>
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
    <message numerus="yes">
        <location line="+20"/>
        <source>%n more error(s) happened since; each has its own crash log in that folder.</source>
        <translation>
            <numerusform>此後又發生了 %n 個錯誤；每個錯誤在該資料夾中都有各自的當機記錄檔。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
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
    <name>DynamicPromptTexts</name>
    <message>
        <location filename="../../studio_desktop/ui/dynamic_prompt_texts.py" line="+26"/>
        <source>Prompt as typed</source>
        <translation>輸入的提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative as typed</source>
        <translation>輸入的負面提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variations</source>
        <translation>變化方式</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Every combination</source>
        <translation>所有組合</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One pick per job</source>
        <translation>每個任務隨機選一個</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/filter_bar.py" line="+67"/>
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
        <location line="+3"/>
        <source>Images with this tag (completes from the tags in use)</source>
        <translation>含有此標籤的圖片（會依使用中的標籤自動完成）</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+33"/>
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
        <location filename="../../studio_desktop/ui/first_run.py" line="+65"/>
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
        <location line="+182"/>
        <source>It usually listens on &lt;b&gt;{url}&lt;/b&gt;. When it is up, click Check again.</source>
        <translation>它通常監聽 &lt;b&gt;{url}&lt;/b&gt;。啟動完成後，請按「重新檢查」。</translation>
    </message>
    <message>
        <location line="-177"/>
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
        <location line="+18"/>
        <source>&lt;b&gt;Let Studio Desktop start ComfyUI for you&lt;/b&gt;</source>
        <translation>&lt;b&gt;讓 Studio Desktop 為你啟動 ComfyUI&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Or start it yourself&lt;/b&gt;</source>
        <translation>&lt;b&gt;或者自行啟動它&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Looking for ComfyUI at {url}…</source>
        <translation>正在 {url} 尋找 ComfyUI…</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location filename="../../studio_desktop/ui/gallery/model.py" line="+609"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
</context>
<context>
    <name>GallerySidebar</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/sidebar.py" line="+120"/>
        <location line="+2"/>
        <source>Boards</source>
        <translation>畫板</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New board…</source>
        <translation>新增畫板…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A board collects images by hand: drag images onto it from the grid</source>
        <translation>畫板用來手動收集圖片：從縮圖區將圖片拖曳到畫板上</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show images that have every chosen tag</source>
        <translation>顯示含有所有已選標籤的圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No tags yet: tag images from their context menu.</source>
        <translation>還沒有標籤：可從圖片的右鍵選單為圖片加上標籤。</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>All images</source>
        <translation>所有圖片</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>New board</source>
        <translation>新增畫板</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+101"/>
        <source>Name of the board:</source>
        <translation>畫板名稱：</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>Board {name} created</source>
        <translation>已建立畫板「{name}」</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Added %n image(s) to {board}</source>
        <translation>
            <numerusform>已將 %n 張圖片加入「{board}」</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Only images of the library can go on a board.</source>
        <translation>只有圖庫中的圖片可以放到畫板上。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+25"/>
        <source>Delete board</source>
        <translation>刪除畫板</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Rename board</source>
        <translation>重新命名畫板</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete the board {name}? Its images stay in the library.</source>
        <translation>要刪除畫板「{name}」嗎？其中的圖片仍會保留在圖庫中。</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tab.py" line="+121"/>
        <source>Gallery</source>
        <translation>圖庫</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+110"/>
        <source>Moved %n image(s) to the trash</source>
        <translation>
            <numerusform>已將 %n 張圖片移至垃圾桶</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <location line="+279"/>
        <source>Restored %n image(s)</source>
        <translation>
            <numerusform>已還原 %n 張圖片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-261"/>
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
        <location line="+55"/>
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>正在匯出 %n 張圖片…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Compare cancelled</source>
        <translation>已取消比較</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>This board is empty: drag images onto it, or use Add to board in their context menu.</source>
        <translation>此畫板是空的：將圖片拖曳到畫板上，或使用圖片右鍵選單中的「加入畫板」。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No images match these filters.</source>
        <translation>沒有符合這些篩選條件的圖片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+390"/>
        <source>The trash is empty.</source>
        <translation>垃圾桶是空的。</translation>
    </message>
    <message>
        <location line="-387"/>
        <source>No images yet — queue a job on the Generate tab and its results appear here.</source>
        <translation>還沒有圖片 — 在「產生」分頁加入一個任務，結果就會顯示在這裡。</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
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
        <location line="+70"/>
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
        <location line="+3"/>
        <source>Open sweep grid</source>
        <translation>開啟掃描網格</translation>
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
        <location line="+4"/>
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
        <location line="+5"/>
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
        <location line="+3"/>
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
        <location line="+1"/>
        <source>Empty trash…</source>
        <translation>清空垃圾桶…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to trash</source>
        <translation>移至垃圾桶</translation>
    </message>
    <message>
        <location line="+26"/>
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
        <location line="+161"/>
        <source>Empty trash</source>
        <translation>清空垃圾桶</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n image(s) in the trash for good?</source>
        <translation>
            <numerusform>要永久刪除垃圾桶中的 %n 張圖片嗎？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their files are deleted too. This cannot be undone.</source>
        <translation>圖片檔案也會一併刪除。此操作無法復原。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete for good</source>
        <translation>永久刪除</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Deleted %n image(s) for good</source>
        <translation>
            <numerusform>已永久刪除 %n 張圖片</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy seed</source>
        <translation>複製種子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy parameters</source>
        <translation>複製參數</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit mask…</source>
        <translation>編輯遮罩…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compare with…</source>
        <translation>與其他圖片比較…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compare with its source image</source>
        <translation>與其來源圖片比較</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No seed was recorded for this image.</source>
        <translation>此圖片沒有記錄種子。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed copied</source>
        <translation>已複製種子</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No parameters were recorded for this image.</source>
        <translation>此圖片沒有記錄參數。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters copied</source>
        <translation>已複製參數</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+68"/>
        <source>Click the image to compare it with (Esc cancels)</source>
        <translation>點選要比較的圖片（按 Esc 取消）</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Pick another image to compare with.</source>
        <translation>請選擇另一張圖片來比較。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This image&apos;s job had no source image.</source>
        <translation>產生此圖片的工作沒有來源圖片。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Source image ({slot})</source>
        <translation>來源圖片（{slot}）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no image there.</source>
        <translation>那裡沒有圖片。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>seed {seed}</source>
        <translation>種子 {seed}</translation>
    </message>
    <message>
        <location line="-326"/>
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
    <name>GalleryView</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/grid_view.py" line="+76"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/general_page.py" line="+56"/>
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
        <location line="+24"/>
        <source>Follow system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Studio Desktop uses the new language the next time it starts.</source>
        <translation>Studio Desktop 下次啟動時將使用新的語言。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restart now</source>
        <translation>立即重新啟動</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the settings, close Studio Desktop as usual and start it again</source>
        <translation>儲存設定，照常關閉 Studio Desktop 後再重新啟動</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The STUDIO_THEME environment variable overrides this choice.</source>
        <translation>STUDIO_THEME 環境變數會覆寫此選項。</translation>
    </message>
    <message>
        <location line="+4"/>
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
</context>
<context>
    <name>GenerateForm</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+127"/>
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
        <location line="+5"/>
        <source>How many jobs to queue, each with its own seed</source>
        <translation>要加入佇列的任務數，每個任務使用各自的種子</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference images</source>
        <translation>參考圖片</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+23"/>
        <source>Prompt</source>
        <translation>提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative prompt</source>
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
        <source>Scheduler</source>
        <translation>排程器</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/graph_option_texts.py" line="+28"/>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>CLIP skip</source>
        <translation>CLIP 略過層</translation>
    </message>
    <message>
        <location line="-2"/>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>LoRAs</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/graph_option_fields.py" line="+106"/>
        <location filename="../../studio_desktop/core/fields.py" line="+3"/>
        <source>Steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/graph_option_fields.py" line="-1"/>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>Seed</source>
        <translation>種子</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+59"/>
        <source>Template settings</source>
        <translation>範本設定</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+45"/>
        <source> job</source>
        <translation> 個任務</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> jobs</source>
        <translation> 個任務</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
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
        <source>Mask grow (px)</source>
        <translation>遮罩擴展（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mask feather (px)</source>
        <translation>遮罩羽化（像素）</translation>
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
        <location line="+27"/>
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
        <location filename="../../studio_desktop/ui/generate/form.py" line="+262"/>
        <location line="+9"/>
        <source>No template is installed.</source>
        <translation>沒有安裝任何範本。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/reference_images.py" line="+117"/>
        <source>The image for {label} is still being copied.</source>
        <translation>{label} 的圖片仍在複製中。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add an image for {label}.</source>
        <translation>請為 {label} 加入一張圖片。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+144"/>
        <source>The template {name} is not installed; kept {current}.</source>
        <translation>未安裝範本 {name}，保留 {current}。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/graph_option_fields.py" line="-82"/>
        <source>No VAEs known yet</source>
        <translation>尚無已知的 VAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the checkpoint</source>
        <translation>使用 Checkpoint 內建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The VAE built into the model; pick one to use another.</source>
        <translation>模型內建的 VAE；選擇其他 VAE 即可替換。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Leave out the text encoder&apos;s last layers (2 suits many anime models)</source>
        <translation>略過文字編碼器的最後幾層（許多動漫模型適合設為 2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="-54"/>
        <source>Off</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Images per job, made together in one batch (uses more video memory)</source>
        <translation>每個任務的圖片數，在同一批次中一起產生（佔用更多顯示記憶體）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> per job</source>
        <translation> 張/任務</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../studio_desktop/ui/graph_option_texts.py" line="+3"/>
        <source>Hires fix</source>
        <translation>高解析修復</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upscale the image and sample it again: sharper detail at a larger size</source>
        <translation>放大圖片後再取樣一次：更大尺寸、更清晰的細節</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>How much larger the final image is</source>
        <translation>最終圖片放大的倍率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No upscale models known yet</source>
        <translation>尚無已知的放大模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../studio_desktop/ui/graph_option_texts.py" line="+30"/>
        <source>Latent (no model)</source>
        <translation>Latent（不用模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enlarge the latent itself; an upscale model keeps more detail.</source>
        <translation>直接放大 Latent；放大模型能保留更多細節。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How much the second pass repaints: low keeps the first image</source>
        <translation>第二次重繪的程度：數值低則保留第一次的圖片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps of the second pass</source>
        <translation>第二次的步數</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Same as the first pass</source>
        <translation>與第一次相同</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scale</source>
        <translation>倍率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upscaler</source>
        <translation>放大方式</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="-93"/>
        <source>Prompt S/R</source>
        <translation>提示詞尋找/取代</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative S/R</source>
        <translation>反向提示詞尋找/取代</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="-49"/>
        <source>Width</source>
        <translation>寬度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="+24"/>
        <source>Axis {axis}: {problem}</source>
        <translation>{axis} 軸：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Axis {axis}, character {where}: {problem}</source>
        <translation>{axis} 軸，第 {where} 個字元：{problem}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The field this axis varies</source>
        <translation>此軸要變化的欄位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A list (10, 20, 30), every whole number of a range (1-10), N values of a range (1-10 [5]) or a range with a step (0.5-1.0 (+0.1)). Prompt S/R: the text to replace, then what replaces it.</source>
        <translation>清單（10, 20, 30）、範圍內的每個整數（1-10）、範圍內的 N 個值（1-10 [5]）或帶步長的範圍（0.5-1.0 (+0.1)）。提示詞尋找/取代：先寫要取代的文字，再寫取代成的文字。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Names</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the server&apos;s names: all of them or one</source>
        <translation>加入伺服器上的名稱：全部或單一</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>X/Y/Z sweep</source>
        <translation>X/Y/Z 參數掃描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One job per combination of up to three axes; when they end, a grid of the results opens and is kept in the gallery</source>
        <translation>最多三個軸的每種組合各產生一個任務；全部結束後會開啟結果網格，並保存在圖庫中</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+33"/>
        <source>LoRA strength: {name}</source>
        <translation>LoRA 強度：{name}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="+100"/>
        <source>A sweep makes one job per cell: untick “every combination” of the prompt</source>
        <translation>參數掃描每個格子產生一個任務：請取消勾選提示詞的「所有組合」</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>{count} jobs; a sweep makes at most {most}</source>
        <translation>{count} 個任務；一次參數掃描最多 {most} 個</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Axis {axis}: the negative prompt does not hold “{text}”</source>
        <translation>{axis} 軸：反向提示詞中沒有「{text}」</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Axis {axis}: the prompt does not hold “{text}”</source>
        <translation>{axis} 軸：提示詞中沒有「{text}」</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Axis {axis}: the server has no {field} {name}</source>
        <translation>{axis} 軸：伺服器上沒有 {field} {name}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pick a field and type its values on one axis or more</source>
        <translation>在一個或多個軸上選擇欄位並輸入取值</translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/tab.py" line="+132"/>
        <location line="+453"/>
        <source>Queue</source>
        <translation>加入佇列</translation>
    </message>
    <message>
        <location line="-440"/>
        <source>Forever</source>
        <translation>無限生成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Generate forever: a new seed each time until you cancel the group in the queue</source>
        <translation>無限生成：每次使用新種子，直到你在佇列中取消該群組</translation>
    </message>
    <message>
        <location line="+139"/>
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
        <location line="+16"/>
        <source>{name} is now the {slot} image</source>
        <translation>已將 {name} 設為「{slot}」圖片</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The Inpaint template is missing, so no mask can be painted.</source>
        <translation>缺少「局部重繪」範本，無法繪製遮罩。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Paint the mask of {name}: white is repainted</source>
        <translation>為 {name} 繪製遮罩：白色部分將被重繪</translation>
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
        <location line="+14"/>
        <source>{name} holds a ComfyUI workflow, not parameters.</source>
        <translation>{name} 包含的是 ComfyUI 工作流程，而不是產生參數。</translation>
    </message>
    <message>
        <location line="+13"/>
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
        <location line="+72"/>
        <source>No server added. Start ComfyUI and add it under Servers (it usually listens on {url}). Queued jobs wait until then.</source>
        <translation>尚未新增伺服器。請啟動 ComfyUI，並在「伺服器」中新增（它通常監聽 {url}）。在此之前，佇列中的任務會持續等待。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not connected to {servers}. Start ComfyUI there or check the address under Servers; queued jobs wait. The lists show the last known names.</source>
        <translation>未連線至「{servers}」。請在該處啟動 ComfyUI，或在「伺服器」中檢查位址；佇列中的任務會等待。清單顯示的是上次已知的名稱。</translation>
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
        <location line="+5"/>
        <source>Lists from {server}.</source>
        <translation>清單來自 {server}。</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Queue sweep: %n job(s)</source>
        <translation>
            <numerusform>加入佇列：參數掃描 %n 個任務</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue sweep</source>
        <translation>加入佇列：參數掃描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate forever</source>
        <translation>無限生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue every combination</source>
        <translation>排入所有組合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue {n} jobs</source>
        <translation>加入佇列（{n} 個任務）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot queue:</source>
        <translation>無法加入佇列：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue the job (Ctrl+Enter)</source>
        <translation>將任務加入佇列（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>GraphOptionTexts</name>
    <message>
        <location filename="../../studio_desktop/ui/graph_option_texts.py" line="-11"/>
        <source>{name} ({strength})</source>
        <translation>{name}（{strength}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} ({strength}, CLIP {clip})</source>
        <translation>{name}（{strength}，CLIP {clip}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>×{scale} with {upscaler}, denoise {denoise}, {steps} steps</source>
        <translation>×{scale}，{upscaler}，降噪 {denoise}，{steps} 步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>×{scale} with {upscaler}, denoise {denoise}, as many steps as the first pass</source>
        <translation>×{scale}，{upscaler}，降噪 {denoise}，步數與第一次相同</translation>
    </message>
</context>
<context>
    <name>GroupRows</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/groups.py" line="+99"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>forever: %n done</source>
        <translation>
            <numerusform>無限生成：已完成 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{done} of {total} done</source>
        <translation>已完成 {done}/{total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>about {time} left</source>
        <translation>約剩 {time}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 個失敗</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on {server}</source>
        <translation>在 {server} 上</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying</source>
        <translation>重試中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{status} · seed {seed} · {prompt}</source>
        <translation>{status} · 種子 {seed} · {prompt}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open grid</source>
        <translation>開啟網格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resume group</source>
        <translation>恢復群組</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pause group</source>
        <translation>暫停群組</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry failed</source>
        <translation>重試失敗的任務</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run on</source>
        <translation>執行於</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any server</source>
        <translation>任意伺服器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel group</source>
        <translation>取消群組</translation>
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
        <location filename="../../studio_desktop/ui/history/model.py" line="+398"/>
        <source>Time the server spent running the job, without its wait in the server&apos;s queue (the details show queued, sampling and total apart)</source>
        <translation>伺服器執行此任務所花的時間，不含在伺服器佇列中等待的時間（詳細資訊會分別列出排隊、取樣和總計時間）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The job&apos;s first output</source>
        <translation>任務的第一個輸出</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <source>Sampling</source>
        <translation>取樣時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output</source>
        <translation>輸出</translation>
    </message>
    <message>
        <location line="-289"/>
        <location line="+338"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
    <message>
        <location line="-336"/>
        <location filename="../../studio_desktop/ui/history/table.py" line="+63"/>
        <source>{model} (default)</source>
        <translation>{model}（預設）</translation>
    </message>
    <message>
        <location line="+327"/>
        <source>{arrow} {done} of {total} done · {prompt}</source>
        <translation>{arrow} 已完成 {done}/{total} · {prompt}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Negative: {negative}</source>
        <translation>負面：{negative}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/history/tab.py" line="+243"/>
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
        <source>This job has no error to copy.</source>
        <translation>此任務沒有可複製的錯誤。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error copied</source>
        <translation>已複製錯誤訊息</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Compare the output with its source image</source>
        <translation>將輸出與其來源圖片比較</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Source image ({slot})</source>
        <translation>來源圖片（{slot}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Output {index}</source>
        <translation>輸出 {index}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not open {path}</source>
        <translation>無法開啟 {path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prompt copied</source>
        <translation>已複製提示詞</translation>
    </message>
    <message>
        <location line="+46"/>
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
        <source>Copy error</source>
        <translation>複製錯誤訊息</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open sweep grid</source>
        <translation>開啟掃描網格</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
</context>
<context>
    <name>ImageSlotWidget</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/image_slot.py" line="+164"/>
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
        <location line="+2"/>
        <source>Edit mask…</source>
        <translation>編輯遮罩…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paint what to repaint: the mask travels as the image&apos;s transparency, which inpainting templates read</source>
        <translation>繪製要重繪的區域：遮罩以圖片的透明度傳送，局部重繪範本會讀取它</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The size of this image in pixels</source>
        <translation>此圖片的尺寸（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use source size</source>
        <translation>使用來源尺寸</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the job&apos;s width and height to this image&apos;s (to a multiple of 8)</source>
        <translation>將任務的寬度和高度設為此圖片的尺寸（取 8 的倍數）</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>The image {path} is no longer in the library; add it again.</source>
        <translation>圖片 {path} 已不在圖庫中，請重新加入。</translation>
    </message>
    <message>
        <location line="+52"/>
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
        <location line="+40"/>
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
        <location filename="../../studio_desktop/ui/gallery/viewer.py" line="+291"/>
        <source>Image viewer</source>
        <translation>圖片檢視器</translation>
    </message>
    <message>
        <location line="+26"/>
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
        <location line="+5"/>
        <source>Edit tags</source>
        <translation>編輯標籤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags…</source>
        <translation>標籤…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Put this image into an image slot of Generate</source>
        <translation>將此圖片放入「產生」的圖片槽</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use as source</source>
        <translation>作為來源圖片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compare this image with another</source>
        <translation>將此圖片與另一張比較</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With the previous image</source>
        <translation>與上一張圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the next image</source>
        <translation>與下一張圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With an image I click in the gallery…</source>
        <translation>與我在圖庫中點選的圖片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With its source image</source>
        <translation>與其來源圖片</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>This image file is missing or unreadable.</source>
        <translation>此圖片檔案遺失或無法讀取。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Length {time}</source>
        <translation>長度 {time}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Remove from favourites</source>
        <translation>從我的最愛移除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Favourite</source>
        <translation>加入我的最愛</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore from the trash</source>
        <translation>從垃圾桶還原</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move to trash</source>
        <translation>移至垃圾桶</translation>
    </message>
    <message>
        <location line="+74"/>
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
        <location line="+17"/>
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
        <location line="+3"/>
        <source>Sampler</source>
        <translation>取樣器</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+3"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{field} ({axis})</source>
        <translation>{field}（{axis} 軸）</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+2"/>
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
        <location filename="../../studio_desktop/ui/import_dialog.py" line="+83"/>
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
    <name>InputImages</name>
    <message>
        <location filename="../../studio_desktop/ui/history/inputs.py" line="+52"/>
        <source>{slot}: {path}
Click to open</source>
        <translation>{slot}：{path}
按一下即可開啟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input image {slot}</source>
        <translation>輸入圖片 {slot}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{path}
The file is missing</source>
        <translation>{path}
檔案不存在</translation>
    </message>
</context>
<context>
    <name>InstallPicker</name>
    <message>
        <location filename="../../studio_desktop/ui/managed/installs.py" line="+63"/>
        <source>Looking for ComfyUI on this computer…</source>
        <translation>正在本機上尋找 ComfyUI…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No ComfyUI found in the usual places. Choose its folder by hand.</source>
        <translation>在常見位置找不到 ComfyUI。請手動選擇它的資料夾。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose folder…</source>
        <translation>選擇資料夾…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>GPU (normal)</source>
        <translation>GPU（一般）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low VRAM</source>
        <translation>低顯示記憶體</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU only (slow)</source>
        <translation>僅 CPU（較慢）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When something else uses this port, a free one is picked instead.</source>
        <translation>如果此連接埠被其他程式佔用，會改用一個空閒的連接埠。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. --preview-method auto</source>
        <translation>例如 --preview-method auto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the one found beside it</source>
        <translation>使用它旁邊找到的 Python</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start it when Studio Desktop starts</source>
        <translation>Studio Desktop 啟動時一併啟動它</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run on:</source>
        <translation>執行於：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port:</source>
        <translation>連接埠：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extra arguments:</source>
        <translation>額外參數：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Python:</source>
        <translation>Python：</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>ComfyUI folder</source>
        <translation>ComfyUI 資料夾</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder with its own Python (venv)</source>
        <translation>附獨立 Python（venv）的資料夾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows portable build</source>
        <translation>Windows 可攜版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI Desktop app</source>
        <translation>ComfyUI 桌面版應用程式</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&lt;b&gt;{kind}&lt;/b&gt; · ComfyUI {version}</source>
        <translation>&lt;b&gt;{kind}&lt;/b&gt; · ComfyUI {version}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ComfyUI&apos;s code was not found</source>
        <translation>找不到 ComfyUI 的程式碼</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No Python beside it: name one below</source>
        <translation>旁邊沒有 Python：請在下方指定一個</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use this one</source>
        <translation>使用這個</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose the ComfyUI folder</source>
        <translation>選擇 ComfyUI 資料夾</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking {folder}…</source>
        <translation>正在檢查 {folder}…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{folder} is not a ComfyUI folder: it has no main.py with a comfy folder beside it, and it is not a portable build or the ComfyUI Desktop app&apos;s folder.</source>
        <translation>{folder} 不是 ComfyUI 資料夾：其中沒有 main.py 及旁邊的 comfy 資料夾，也不是可攜版或 ComfyUI 桌面版應用程式的資料夾。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Found ComfyUI in {folder}</source>
        <translation>在 {folder} 中找到了 ComfyUI</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>ComfyUI is already running: stop it first (status bar).</source>
        <translation>ComfyUI 已在執行：請先停止它（狀態列）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The choice could not be saved: {error}</source>
        <translation>無法儲存此選擇：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Starting ComfyUI… loading</source>
        <translation>正在啟動 ComfyUI… 載入中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ComfyUI is stopped.</source>
        <translation>ComfyUI 已停止。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI is running at {url}</source>
        <translation>ComfyUI 正在 {url} 執行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI did not start: {reason}</source>
        <translation>ComfyUI 未能啟動：{reason}</translation>
    </message>
</context>
<context>
    <name>JobDetails</name>
    <message>
        <location filename="../../studio_desktop/ui/history/details.py" line="+234"/>
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
        <location line="+3"/>
        <source>What went wrong</source>
        <translation>發生了什麼問題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy error</source>
        <translation>複製錯誤訊息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the error message and the server&apos;s details as text</source>
        <translation>將錯誤訊息和伺服器的詳細資訊複製為文字</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Input images</source>
        <translation>輸入圖片</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Prompt</source>
        <translation>提示詞</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Outputs</source>
        <translation>輸出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <location line="+13"/>
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
        <location line="+64"/>
        <source>(no prompt)</source>
        <translation>（無提示詞）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Remove this job from History (Undo is offered)</source>
        <translation>從歷史紀錄中移除此任務（可復原）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the job in the queue before deleting it</source>
        <translation>刪除前請先在佇列中取消該任務</translation>
    </message>
    <message>
        <location line="+27"/>
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
        <location line="+15"/>
        <source>Sweep cell</source>
        <translation>掃描格子</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>Workflow</source>
        <translation>工作流程</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save or copy this job&apos;s workflow: the UI format opens in ComfyUI, the API format is the exact graph sent to the server</source>
        <translation>儲存或複製此任務的工作流程：UI 格式可在 ComfyUI 中開啟，API 格式是送到伺服器的確切節點圖</translation>
    </message>
    <message>
        <location line="+206"/>
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
        <location line="+9"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="-233"/>
        <location line="+234"/>
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
        <location line="+34"/>
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
    <name>JobTiming</name>
    <message>
        <location filename="../../studio_desktop/ui/history/timing.py" line="+19"/>
        <source>Queued {time}</source>
        <translation>排隊 {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sampling {time}</source>
        <translation>取樣 {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Total {time}</source>
        <translation>總計 {time}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{time} total</source>
        <translation>{time}（總計）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Attempt {n}</source>
        <translation>第 {n} 次嘗試</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no server</source>
        <translation>無伺服器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>completed on {server} in {time}</source>
        <translation>在 {server} 上完成，耗時 {time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>failed on {server}: {error}</source>
        <translation>在 {server} 上失敗：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cancelled on {server}</source>
        <translation>在 {server} 上已取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>given back to the queue from {server}</source>
        <translation>從 {server} 退回佇列</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>retrying on {server}: {error}</source>
        <translation>在 {server} 上重試：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>running on {server}</source>
        <translation>正在 {server} 上執行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>queued {time}</source>
        <translation>排隊 {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sampling {time}</source>
        <translation>取樣 {time}</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/managed/log_panel.py" line="+60"/>
        <source>ComfyUI&apos;s output appears here once Studio Desktop starts it.</source>
        <translation>Studio Desktop 啟動 ComfyUI 後，它的輸出會顯示在這裡。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find in the log</source>
        <translation>在日誌中尋找</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous</source>
        <translation>上一個</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>下一個</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the selected lines</source>
        <translation>複製選取的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy all</source>
        <translation>全部複製</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open log file</source>
        <translation>開啟日誌檔案</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>ComfyUI did not start: {reason}</source>
        <translation>ComfyUI 未能啟動：{reason}</translation>
    </message>
    <message numerus="yes">
        <location line="+99"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 處相符</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoraRow</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/lora_stack.py" line="+50"/>
        <source>Apply this LoRA (unticked: kept in the list, unused)</source>
        <translation>套用此 LoRA（不勾選：保留在清單中但不使用）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How strongly the LoRA changes the model</source>
        <translation>LoRA 對模型的影響強度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How strongly the LoRA changes the text encoder (CLIP)</source>
        <translation>LoRA 對文字編碼器（CLIP）的影響強度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply earlier</source>
        <translation>提前套用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply later</source>
        <translation>延後套用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove this LoRA</source>
        <translation>移除此 LoRA</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CLIP</source>
        <translation>CLIP</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Insert “{word}” into the prompt</source>
        <translation>將「{word}」插入提示詞</translation>
    </message>
</context>
<context>
    <name>LoraStack</name>
    <message>
        <location line="+35"/>
        <source>Search the server&apos;s LoRAs…</source>
        <translation>搜尋伺服器上的 LoRA…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the LoRA named in the search box</source>
        <translation>新增搜尋框中的 LoRA</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio_desktop/ui/main_window.py" line="+70"/>
        <source>Studio Desktop</source>
        <translation>Studio Desktop</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+265"/>
        <source>Generate</source>
        <translation>產生</translation>
    </message>
    <message>
        <location line="-264"/>
        <location line="+264"/>
        <source>Gallery</source>
        <translation>圖庫</translation>
    </message>
    <message>
        <location line="-263"/>
        <location line="+263"/>
        <source>History</source>
        <translation>歷史紀錄</translation>
    </message>
    <message>
        <location line="-259"/>
        <source>Queue</source>
        <translation>佇列</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ComfyUI log</source>
        <translation>ComfyUI 日誌</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>&amp;Undo: {what}</source>
        <translation>復原(&amp;U)：{what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+150"/>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <location line="-145"/>
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
        <location line="+23"/>
        <source>A sweep has ended: its grid is open, and kept in the gallery.</source>
        <translation>參數掃描已結束：網格已開啟，並保存在圖庫中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A sweep has ended with no picture to put in a grid.</source>
        <translation>參數掃描已結束，但沒有可放入網格的圖片。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The template “{name}” takes no source image; choose one that does: {list}</source>
        <translation>範本「{name}」不接受來源圖片；請選擇可接受來源圖片的範本：{list}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No template takes a source image; import an image-to-image workflow (File ▸ Import workflow).</source>
        <translation>沒有任何範本接受來源圖片；請匯入圖生圖工作流程（檔案 ▸ 匯入工作流程）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Using {file} as “{slot}”</source>
        <translation>使用 {file} 作為「{slot}」</translation>
    </message>
    <message>
        <location line="+23"/>
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
        <location line="+10"/>
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
        <location line="+128"/>
        <source>About Studio Desktop</source>
        <translation>關於 Studio Desktop</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Import a ComfyUI workflow</source>
        <translation>匯入 ComfyUI 工作流程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ComfyUI workflows (*.json *.png *.webp *.webm *.mp4);;All files (*)</source>
        <translation>ComfyUI 工作流程 (*.json *.png *.webp *.webm *.mp4);;所有檔案 (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Template saved; it is selected in Generate.</source>
        <translation>範本已儲存，並已在「產生」中選取。</translation>
    </message>
    <message>
        <location line="+72"/>
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
        <location line="+86"/>
        <source>Jobs are still in the queue</source>
        <translation>佇列中還有任務</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <source>{running} running and {waiting} waiting jobs.</source>
        <translation>{running} 個任務執行中，{waiting} 個任務等待中。</translation>
    </message>
    <message>
        <location line="-26"/>
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
    <message>
        <location line="+18"/>
        <source>ComfyUI is running jobs</source>
        <translation>ComfyUI 正在執行工作</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Studio Desktop started this ComfyUI and stops it when you quit. The jobs stay queued for the next start.</source>
        <translation>這個 ComfyUI 由 Studio Desktop 啟動，結束時會將它停止。工作會保留在佇列中，下次啟動時繼續。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quit and stop server</source>
        <translation>結束並停止伺服器</translation>
    </message>
</context>
<context>
    <name>ManagedBadge</name>
    <message>
        <location filename="../../studio_desktop/ui/managed/badge.py" line="+43"/>
        <source>Start ComfyUI</source>
        <translation>啟動 ComfyUI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop ComfyUI</source>
        <translation>停止 ComfyUI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restart ComfyUI</source>
        <translation>重新啟動 ComfyUI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show log</source>
        <translation>顯示日誌</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ComfyUI (this computer): stopped</source>
        <translation>ComfyUI（本機）：已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): starting…</source>
        <translation>ComfyUI（本機）：正在啟動…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): running</source>
        <translation>ComfyUI（本機）：執行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): restarting…</source>
        <translation>ComfyUI（本機）：正在重新啟動…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): failed</source>
        <translation>ComfyUI（本機）：失敗</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>ComfyUI is running again.</source>
        <translation>ComfyUI 已重新執行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ComfyUI stopped unexpectedly; Studio Desktop restarts it in {seconds} s.</source>
        <translation>ComfyUI 意外停止；Studio Desktop 將在 {seconds} 秒後重新啟動它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ComfyUI stopped unexpectedly too often; it was not restarted.</source>
        <translation>ComfyUI 意外停止的次數過多；未再重新啟動。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ComfyUI did not start.</source>
        <translation>ComfyUI 未能啟動。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ComfyUI</source>
        <translation>ComfyUI</translation>
    </message>
</context>
<context>
    <name>MaskEditorDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/mask_editor.py" line="+388"/>
        <source>Edit mask: {name}</source>
        <translation>編輯遮罩：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit mask</source>
        <translation>編輯遮罩</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Brush</source>
        <translation>筆刷</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paint what to repaint (B)</source>
        <translation>塗抹要重繪的區域（B）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase the mask (E)</source>
        <translation>擦除遮罩（E）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Brush size in pixels of the picture ([ and ])</source>
        <translation>筆刷大小，以圖片像素計（[ 和 ]）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hardness: 100% paints a sharp edge</source>
        <translation>硬度：100% 畫出銳利的邊緣</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invert</source>
        <translation>反轉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill</source>
        <translation>填滿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>符合視窗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>復原上一筆（Ctrl+Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaint what is kept and keep what is repainted</source>
        <translation>重繪原本保留的部分，保留原本重繪的部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the whole mask</source>
        <translation>清除整個遮罩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mask the whole picture</source>
        <translation>遮罩覆蓋整張圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the picture to the window</source>
        <translation>讓圖片符合視窗大小</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hardness</source>
        <translation>硬度</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>White marks what to repaint; it is shown tinted. Wheel: zoom, middle button or Space + drag: pan.</source>
        <translation>白色標示要重繪的區域，以著色顯示。滾輪：縮放；中鍵或空白鍵 + 拖曳：平移。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading the picture…</source>
        <translation>正在載入圖片…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} 像素</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not open the picture: {reason}</source>
        <translation>無法開啟圖片：{reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not save the mask: {reason}</source>
        <translation>無法儲存遮罩：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saving the mask…</source>
        <translation>正在儲存遮罩…</translation>
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
    <name>ModelRow</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/needs_panel.py" line="+31"/>
        <source>Missing model &lt;b&gt;{name}&lt;/b&gt;, for ComfyUI&apos;s {folder} folder</source>
        <translation>缺少模型 &lt;b&gt;{name}&lt;/b&gt;（放在 ComfyUI 的 {folder} 資料夾）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Into {folder}</source>
        <translation>儲存到 {folder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+40"/>
        <source>Download</source>
        <translation>下載</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Download it from:</source>
        <translation>下載網址：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>and put it in this folder of the ComfyUI install:</source>
        <translation>並放到 ComfyUI 安裝目錄下的這個資料夾：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put it in this folder of the ComfyUI install:</source>
        <translation>放到 ComfyUI 安裝目錄下的這個資料夾：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Downloaded; reading the server&apos;s lists again.</source>
        <translation>已下載；正在重新讀取伺服器的清單。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{size}/s</source>
        <translation>{size}/秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{done} · {speed}</source>
        <translation>{done} · {speed}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{done} of {total} ({percent}%) · {speed}</source>
        <translation>{done} / {total}（{percent}%）· {speed}</translation>
    </message>
</context>
<context>
    <name>NeedsPanel</name>
    <message>
        <location line="+206"/>
        <source>Cancelled. Retry resumes where it stopped if the server allows it.</source>
        <translation>已取消。如果伺服器支援，重試會從中斷處繼續。</translation>
    </message>
</context>
<context>
    <name>OneWindow</name>
    <message>
        <location filename="../../studio_desktop/ui/one_window.py" line="+192"/>
        <source>Studio Desktop is already open with this data folder, but it has not answered for {seconds} seconds. Close it, or end it in the Task Manager (Activity Monitor on macOS), then start Studio Desktop again.

Data folder: {folder}</source>
        <translation>Studio Desktop 已用這個資料目錄開啟，但 {seconds} 秒內沒有回應。請關閉它，或在工作管理員（macOS 上為「活動監視器」）中結束它，然後重新啟動 Studio Desktop。

資料目錄：{folder}</translation>
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
    <name>PackRow</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/needs_panel.py" line="-186"/>
        <source>Missing custom node pack &lt;b&gt;{pack}&lt;/b&gt; (nodes: {nodes})</source>
        <translation>缺少自訂節點套件 &lt;b&gt;{pack}&lt;/b&gt;（節點：{nodes}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Install it with one of these, in ComfyUI&apos;s folder with its Python, then restart ComfyUI:</source>
        <translation>在 ComfyUI 的資料夾中用它的 Python 執行以下任一命令安裝，然後重新啟動 ComfyUI：</translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/compare.py" line="-231"/>
        <source>Parameter</source>
        <translation>參數</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A (left)</source>
        <translation>A（左）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>B (right)</source>
        <translation>B（右）</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="+1"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(not recorded)</source>
        <translation>（未記錄）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The two images differ here</source>
        <translation>兩張圖片在此處不同</translation>
    </message>
</context>
<context>
    <name>ParametersText</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/parameters_text.py" line="+21"/>
        <source>Prompt</source>
        <translation>提示詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative prompt</source>
        <translation>負面提示詞</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed</source>
        <translation>種子</translation>
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
        <location line="+2"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/problem_list.py" line="+192"/>
        <source>Show fewer</source>
        <translation>顯示較少</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n more problem(s): show all</source>
        <translation>
            <numerusform>還有 %n 個問題：全部顯示</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show the field</source>
        <translation>顯示欄位</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/progress.py" line="+161"/>
        <source>The live preview of a running job appears here, then its result.</source>
        <translation>執行中任務的即時預覽會顯示在這裡，完成後顯示結果。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel the current job (Esc)</source>
        <translation>取消目前的任務（Esc）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No job running</source>
        <translation>沒有執行中的任務</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Starting on {server}…</source>
        <translation>正在 {server} 上啟動…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Step {value}/{max}</source>
        <translation>第 {value}/{max} 步</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Could not show the result: {reason}</source>
        <translation>無法顯示結果：{reason}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Retrying in {delay:.0f} s: {reason}</source>
        <translation>{delay:.0f} 秒後重試：{reason}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Lost the server at step {step} — waiting for it to come back</source>
        <translation>在第 {step} 步時與伺服器中斷連線 — 正在等待伺服器恢復</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lost the server before the first step — waiting for it to come back</source>
        <translation>在第一步之前與伺服器中斷連線 — 正在等待伺服器恢復</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for a server to take the job again</source>
        <translation>正在等待伺服器重新接手此任務</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server: {server}</source>
        <translation>伺服器：{server}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped after {time}</source>
        <translation>執行 {time} 後停止</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The job is back in the queue</source>
        <translation>任務已回到佇列中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the waiting job out of the queue (Esc)</source>
        <translation>將等待中的任務移出佇列（Esc）</translation>
    </message>
    <message>
        <location line="+17"/>
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
    <name>PromptExpansion</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/prompt_expansion.py" line="+62"/>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+133"/>
        <source>Show the first prompts the text expands to</source>
        <translation>顯示此文字展開後的前幾則提示詞</translation>
    </message>
    <message>
        <location line="-131"/>
        <source>Every combination</source>
        <translation>所有組合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue one job per combination of the prompt&apos;s {a|b} choices (each batch-count times) instead of one random pick per job</source>
        <translation>為提示詞中 {a|b} 選項的每種組合各排入一個任務（每種組合依批次數量重複），而非每個任務隨機挑選一種</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wildcards…</source>
        <translation>萬用字元…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the wildcards folder: __name__ in a prompt picks a line of name.txt</source>
        <translation>開啟萬用字元資料夾：提示詞中的 __name__ 會從 name.txt 挑選一行</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Counting…</source>
        <translation>正在計數…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(empty)</source>
        <translation>（空白）</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{a|b} and __wildcards__ vary the prompt</source>
        <translation>{a|b} 和 __萬用字元__ 可讓提示詞產生變化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The prompt cannot be expanded:</source>
        <translation>無法展開此提示詞：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counting prompts…</source>
        <translation>正在計算提示詞數量…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than {n} prompts</source>
        <translation>超過 {n} 則提示詞</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n 則提示詞</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/delegate.py" line="+94"/>
        <source>seed {seed}</source>
        <translation>種子 {seed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{place}/{size}</source>
        <translation>{place}/{size}</translation>
    </message>
    <message>
        <location line="+149"/>
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
        <location line="+1"/>
        <source>step {x}/{y}</source>
        <translation>第 {x}/{y} 步</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/model.py" line="+226"/>
        <location line="+28"/>
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
        <location filename="../../studio_desktop/ui/queue/panel.py" line="+80"/>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel every waiting and running job</source>
        <translation>取消所有等待中和執行中的任務</translation>
    </message>
    <message>
        <location line="+62"/>
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
        <location line="+396"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="-395"/>
        <source>Queue the selected failed or cancelled jobs again</source>
        <translation>將選取的失敗或已取消任務重新加入佇列</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+405"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-404"/>
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
        <location line="+59"/>
        <source>Could not read the queued jobs: {reason}</source>
        <translation>無法讀取佇列中的任務：{reason}</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 個等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n sampling</source>
        <translation>
            <numerusform>%n 個取樣中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n waiting on server</source>
        <translation>
            <numerusform>%n 個在伺服器上等待</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 個失敗</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Resume</source>
        <translation>恢復</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the servers take new jobs again</source>
        <translation>讓伺服器重新接收新任務</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take no new job (what runs finishes); the menu pauses one server</source>
        <translation>不再接收新任務（執行中的會完成）；選單可暫停單一伺服器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pause {server}</source>
        <translation>暫停 {server}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No server is connected</source>
        <translation>沒有已連線的伺服器</translation>
    </message>
    <message numerus="yes">
        <location line="+105"/>
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
        <location line="+34"/>
        <source>Move to front</source>
        <translation>移至最前</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy prompt</source>
        <translation>複製提示詞</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run on</source>
        <translation>執行於</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any server</source>
        <translation>任意伺服器</translation>
    </message>
    <message>
        <location line="+12"/>
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
    <name>QueueRow</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/running.py" line="+14"/>
        <source>Sampling on {server}</source>
        <translation>正在 {server} 上取樣</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending to {server}…</source>
        <translation>正在傳送至 {server}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting on server · {server} (in its queue)</source>
        <translation>在伺服器上等待 · {server}（在其佇列中）</translation>
    </message>
</context>
<context>
    <name>ResultStrip</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/result_strip.py" line="+266"/>
        <source>This batch: %n image(s)</source>
        <translation>
            <numerusform>本批次：%n 張圖片</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Added to favourites</source>
        <translation>已加入我的最愛</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed from favourites</source>
        <translation>已從我的最愛移除</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No application could open {path}</source>
        <translation>沒有應用程式能開啟 {path}</translation>
    </message>
</context>
<context>
    <name>ResultThumb</name>
    <message>
        <location line="-218"/>
        <source>Show it large</source>
        <translation>放大顯示</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open in the system&apos;s image viewer</source>
        <translation>在系統的圖片檢視器中開啟</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+51"/>
        <source>Use as an input image of the form</source>
        <translation>作為表單的輸入圖片</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Edit mask…: repaint part of this image (Inpaint)</source>
        <translation>編輯遮罩…：重繪這張圖片的一部分（局部重繪）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Remove from favourites</source>
        <translation>從我的最愛移除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add to favourites</source>
        <translation>加入我的最愛</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only an image can go into an image slot</source>
        <translation>只有圖片可以放入圖片欄位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The current template has no image slot</source>
        <translation>目前的範本沒有圖片欄位</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send to {slot}</source>
        <translation>傳送至 {slot}</translation>
    </message>
</context>
<context>
    <name>SeedField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/fields.py" line="+395"/>
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
    <name>SendTo</name>
    <message>
        <location filename="../../studio_desktop/ui/send_to.py" line="+32"/>
        <location line="+18"/>
        <source>Use as source image</source>
        <translation>作為來源圖片</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Drag</source>
        <translation>拖曳</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag this file into an image slot of Generate, or out to a folder</source>
        <translation>將此檔案拖入「產生」的圖片槽，或拖出到資料夾</translation>
    </message>
</context>
<context>
    <name>ServerEditDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/server_edit.py" line="+48"/>
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
        <location filename="../../studio_desktop/ui/settings/server_model.py" line="+63"/>
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
        <location filename="../../studio_desktop/ui/settings/servers_page.py" line="+95"/>
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
        <location line="+1"/>
        <source>Open in browser</source>
        <translation>在瀏覽器中開啟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected server&apos;s ComfyUI page</source>
        <translation>開啟所選伺服器的 ComfyUI 頁面</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ComfyUI on this computer</source>
        <translation>本機上的 ComfyUI</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Studio Desktop can start one of these for you, now and at each start, and stop it when you quit. Use this one applies at once.</source>
        <translation>Studio Desktop 可以為你啟動其中一個（現在以及每次啟動時），並在結束時停止它。「使用這個」會立即生效。</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>Added {name}</source>
        <translation>已新增 {name}</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>No browser could open {url}</source>
        <translation>沒有瀏覽器能開啟 {url}</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Remove server</source>
        <translation>移除伺服器</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Studio Desktop sends jobs to these ComfyUI servers. Changes are saved when you press OK or Apply; Cancel discards them.</source>
        <translation>Studio Desktop 會將任務傳送到這些 ComfyUI 伺服器。按下「確定」或「套用」時會儲存變更；按「取消」則捨棄變更。</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>Remove {name} ({url})?
Jobs waiting in the queue stay there and run on the other servers.</source>
        <translation>要移除 {name}（{url}）嗎？
佇列中等待的任務會保留，並在其他伺服器上執行。</translation>
    </message>
    <message>
        <location line="+112"/>
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
        <location filename="../../studio_desktop/ui/settings/probe.py" line="+34"/>
        <source>ComfyUI {version}</source>
        <translation>ComfyUI {version}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{free:.1f} of {total:.1f} GiB free</source>
        <translation>可用 {free:.1f} / {total:.1f} GiB</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+19"/>
        <source>Test failed: {error}</source>
        <translation>測試失敗：{error}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/settings/dialog.py" line="+48"/>
        <source>Servers and Settings</source>
        <translation>伺服器與設定</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Servers</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings could not be saved: {error}</source>
        <translation>無法儲存設定：{error}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Output folder</source>
        <translation>輸出資料夾</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../studio_desktop/ui/shortcut_sheet.py" line="+68"/>
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
        <location line="+2"/>
        <source>, or the mouse wheel</source>
        <translation>，或滑鼠滾輪</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Favourite or not</source>
        <translation>加入/移除我的最愛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit tags</source>
        <translation>編輯標籤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to trash</source>
        <translation>移至垃圾桶</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location filename="../../studio_desktop/ui/generate/fields.py" line="-158"/>
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
        <location filename="../../studio_desktop/app.py" line="+112"/>
        <source>The output folder {folder} cannot be used; new images are saved in {default}.</source>
        <translation>無法使用輸出資料夾 {folder}；新圖片會儲存在 {default}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something could not be used at start, defaults are used instead (the log has details): {problem}</source>
        <translation>啟動時有內容無法使用，已改用預設值（詳情請見記錄檔）：{problem}</translation>
    </message>
    <message>
        <location line="+58"/>
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
        <location filename="../../studio_desktop/ui/status_bar.py" line="+85"/>
        <source>No server — start ComfyUI or add one in Settings</source>
        <translation>沒有伺服器 — 請啟動 ComfyUI，或在「設定」中新增</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message numerus="yes">
        <location line="+103"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 個等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n sampling</source>
        <translation>
            <numerusform>%n 個取樣中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting on server</source>
        <translation>
            <numerusform>%n 個在伺服器上等待</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue: {counts}</source>
        <translation>佇列：{counts}</translation>
    </message>
</context>
<context>
    <name>SweepGridView</name>
    <message>
        <location filename="../../studio_desktop/ui/sweep_grid.py" line="+140"/>
        <source>Sweep grid</source>
        <translation>掃描網格</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open grid image</source>
        <translation>開啟網格圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The labelled grid picture kept in the gallery</source>
        <translation>保存在圖庫中的附標註網格圖片</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This sweep no longer exists.</source>
        <translation>此參數掃描已不存在。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sweep grid: {label}</source>
        <translation>掃描網格：{label}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{axes} · {done} of {total} cells pictured</source>
        <translation>{axes} · {total} 個格子中 {done} 個已出圖</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/sweep_notes.py" line="+21"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying</source>
        <translation>重試中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no image</source>
        <translation>無圖片</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/sweep_grid.py" line="+9"/>
        <source>seed {seed}</source>
        <translation>種子 {seed}</translation>
    </message>
</context>
<context>
    <name>SweepGroup</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="-3"/>
        <source>{sizes} = %n job(s)</source>
        <translation>
            <numerusform>{sizes} = %n 個任務</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tag_editor.py" line="+18"/>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tags of this image.</source>
        <translation>此圖片的標籤。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Tags of %n images: a tag added is added to each; a tag removed is taken off every one.</source>
        <translation>
            <numerusform>%n 張圖片的標籤：新增的標籤會加到每張圖片上；移除的標籤會從所有圖片上移除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No tags yet.</source>
        <translation>尚無標籤。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add a tag and press Enter (commas separate tags)</source>
        <translation>輸入標籤後按 Enter（以逗號分隔多個標籤）</translation>
    </message>
</context>
<context>
    <name>TemplateGroup</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/template_groups.py" line="+49"/>
        <source>Image</source>
        <translation>圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upscale</source>
        <translation>放大</translation>
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
        <location line="+1"/>
        <source>Imported</source>
        <translation>已匯入</translation>
    </message>
</context>
<context>
    <name>TrashBanner</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/trash_banner.py" line="+22"/>
        <source>Restore selected</source>
        <translation>還原所選項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty trash</source>
        <translation>清空垃圾桶</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You are looking at the trash — items here are deleted for good at the next clean-up.</source>
        <translation>您正在檢視垃圾桶 — 這裡的項目會在下次清理時永久刪除。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>You are looking at the trash — items here are deleted for good after %n day(s).</source>
        <translation>
            <numerusform>您正在檢視垃圾桶 — 這裡的項目會在 %n 天後永久刪除。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowActions</name>
    <message>
        <location filename="../../studio_desktop/ui/workflow_actions.py" line="+71"/>
        <source>Export workflow</source>
        <translation>匯出工作流程</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UI format (opens in ComfyUI)…</source>
        <translation>UI 格式（可在 ComfyUI 中開啟）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API format…</source>
        <translation>API 格式…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste it into ComfyUI (Ctrl+V) to open the graph</source>
        <translation>貼到 ComfyUI 中（Ctrl+V）即可開啟節點圖</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy workflow</source>
        <translation>複製工作流程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy API workflow</source>
        <translation>複製 API 工作流程</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Export workflow (UI format)</source>
        <translation>匯出工作流程（UI 格式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export workflow (API format)</source>
        <translation>匯出工作流程（API 格式）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Workflow JSON (*.json)</source>
        <translation>工作流程 JSON (*.json)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Workflow saved to {path}</source>
        <translation>工作流程已儲存至 {path}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Workflow copied: paste it into ComfyUI</source>
        <translation>工作流程已複製：可貼到 ComfyUI 中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API workflow copied</source>
        <translation>API 工作流程已複製</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not save the workflow: {error}</source>
        <translation>無法儲存工作流程：{error}</translation>
    </message>
</context>
<context>
    <name>_ServerBadge</name>
    <message>
        <location filename="../../studio_desktop/ui/status_bar.py" line="-154"/>
        <source>Open in browser</source>
        <translation>在瀏覽器中開啟</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+6"/>
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
        <location filename="../../studio_desktop/ui/history/details.py" line="-409"/>
        <source>Right-click to use it as a source image or compare it; drag it out</source>
        <translation>按右鍵可將其用作來源圖片或進行比較；也可將其拖出</translation>
    </message>
    <message>
        <location line="+2"/>
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
