<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
            <numerusform>%n 张图片已就绪</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n done</source>
        <translation>
            <numerusform>%n 个已完成</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n 个已取消</numerusform>
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
        <translation>添加到画板</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New board…</source>
        <translation>新建画板…</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tag_editor.py" line="+73"/>
        <source>Remove the tag {tag}</source>
        <translation>移除标签 {tag}</translation>
    </message>
</context>
<context>
    <name>CompareCanvas</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/compare.py" line="+359"/>
        <source>The image file is missing or unreadable.</source>
        <translation>图片文件丢失或无法读取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location line="+100"/>
        <source>Compare images</source>
        <translation>对比图片</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A/B slider</source>
        <translation>A/B 滑块</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag the divider, or move it with Left and Right</source>
        <translation>拖动分隔线，或用左右方向键移动</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reading the parameters…</source>
        <translation>正在读取参数…</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>No parameters were recorded for these images.</source>
        <translation>这些图片没有记录参数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only one image has recorded parameters.</source>
        <translation>只有一张图片记录了参数。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n parameter(s) differ (highlighted)</source>
        <translation>
            <numerusform>%n 个参数不同（已高亮）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The parameters are the same.</source>
        <translation>参数相同。</translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/needs_panel.py" line="+93"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy to the clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <location filename="../../studio_desktop/core/comfy/errors.py" line="+46"/>
        <source>Could not reach ComfyUI at {url} for {seconds} s ({reason}). Start ComfyUI (python main.py) or check the server address.</source>
        <translation>{seconds} 秒内都无法连接到位于 {url} 的 ComfyUI（{reason}）。请启动 ComfyUI（python main.py）或检查服务器地址。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not reach ComfyUI at {url} ({reason}). Start ComfyUI (python main.py) or check the server address.</source>
        <translation>无法连接到位于 {url} 的 ComfyUI（{reason}）。请启动 ComfyUI（python main.py）或检查服务器地址。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not reach ComfyUI at {url}. Start ComfyUI (python main.py) or check the server address.</source>
        <translation>无法连接到位于 {url} 的 ComfyUI。请启动 ComfyUI（python main.py）或检查服务器地址。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ComfyUI at {url} did not answer within {seconds} s. It may be busy (loading a model) or stuck; wait and try again, or restart ComfyUI.</source>
        <translation>位于 {url} 的 ComfyUI 在 {seconds} 秒内没有响应。它可能正忙（正在加载模型）或已卡住；请稍候重试，或重启 ComfyUI。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ComfyUI at {url} did not answer in time. It may be busy (loading a model) or stuck; wait and try again, or restart ComfyUI.</source>
        <translation>位于 {url} 的 ComfyUI 未能及时响应。它可能正忙（正在加载模型）或已卡住；请稍候重试，或重启 ComfyUI。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This is usually temporary and will be retried. If it persists, check the ComfyUI console.</source>
        <translation>这通常是暂时的，会自动重试。如果问题持续存在，请查看 ComfyUI 控制台。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file or route does not exist there; check that the address points at ComfyUI.</source>
        <translation>该地址上不存在此文件或路由；请检查地址是否指向 ComfyUI。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Check the server address and that ComfyUI is up to date.</source>
        <translation>请检查服务器地址，并确认 ComfyUI 已是最新版本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI at {url} answered HTTP {status}: {said} {advice}</source>
        <translation>位于 {url} 的 ComfyUI 返回了 HTTP {status}：{said} {advice}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ComfyUI at {url} answered HTTP {status}. {advice}</source>
        <translation>位于 {url} 的 ComfyUI 返回了 HTTP {status}。{advice}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ComfyUI at {url} redirected to another address ({target}); Studio does not follow redirects to other servers. If ComfyUI really lives there, use that address.</source>
        <translation>位于 {url} 的 ComfyUI 重定向到了另一个地址（{target}）；Studio 不会跟随重定向到其他服务器。如果 ComfyUI 确实在那里，请使用该地址。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ComfyUI at {url} refused access (HTTP {status}). Check the access token (authorization header) set for this server.</source>
        <translation>位于 {url} 的 ComfyUI 拒绝访问（HTTP {status}）。请检查为此服务器设置的访问令牌（Authorization 标头）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>ComfyUI at {url} sent an answer that could not be understood ({reason}). Check that the address points at ComfyUI and not at another web page or proxy.</source>
        <translation>位于 {url} 的 ComfyUI 返回了无法理解的响应（{reason}）。请检查地址是否指向 ComfyUI，而不是其他网页或代理。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>ComfyUI at {url} sent {what} larger than {limit} bytes, more than Studio accepts. Check the workflow&apos;s output size, or that the address points at ComfyUI.</source>
        <translation>位于 {url} 的 ComfyUI 发送的 {what} 超过 {limit} 字节，超出了 Studio 的接受上限。请检查工作流的输出大小，或确认地址指向 ComfyUI。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ComfyUI sent data that could not be understood ({reason}).</source>
        <translation>ComfyUI 发送了无法理解的数据（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/context.py" line="+73"/>
        <source>the output folder {problem}; saving to {folder}</source>
        <translation>输出文件夹 {problem}；改为保存到 {folder}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a template was skipped: {problem}</source>
        <translation>已跳过一个模板：{problem}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/driver.py" line="+203"/>
        <source>paused: the database cannot be written. {error} Every job stays as it was saved; trying again in {delay} s.</source>
        <translation>已暂停：无法写入数据库。{error} 所有任务都保持已保存时的状态；{delay} 秒后重试。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>stopped by an internal error ({kind}: {error}); trying again in {delay} s. The log has the details.</source>
        <translation>因内部错误而停止（{kind}：{error}）；{delay} 秒后重试。详细信息见日志。</translation>
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
        <translation>{server} 未接受取消请求（{error}）；任务已在本地取消，取消请求会继续重发，直到服务器接受为止。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/failures.py" line="+55"/>
        <source>{node_type} (node {node}) failed: {said}</source>
        <translation>{node_type}（节点 {node}）失败：{said}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The run was interrupted on the server (from another client?). Retry the job to run it again.</source>
        <translation>运行在服务器上被中断（是否来自另一个客户端？）。重试该任务即可重新运行。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>ComfyUI reports the run as &apos;{status}&apos; without outputs.</source>
        <translation>ComfyUI 报告运行状态为 &apos;{status}&apos;，但没有输出。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Unexpected error ({kind}: {error}); the log has details.</source>
        <translation>意外错误（{kind}：{error}）；详细信息见日志。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{error} (gave up after {attempts} attempts)</source>
        <translation>{error}（尝试 {attempts} 次后放弃）</translation>
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
        <translation>无法连接 {server}：{reason}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/settings.py" line="+162"/>
        <source>the settings file {path} {problem} (kept as {aside}); using the default settings</source>
        <translation>设置文件 {path} {problem}（已另存为 {aside}）；使用默认设置</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the settings file {path} {problem}; using the default settings</source>
        <translation>设置文件 {path} {problem}；使用默认设置</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the settings file {path}: {problem}</source>
        <translation>设置文件 {path}：{problem}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{notice} (the file as it was is kept as {aside})</source>
        <translation>{notice}（原文件已另存为 {aside}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>schema_version {value} is not a whole number; read as 1</source>
        <translation>schema_version {value} 不是整数；按 1 读取</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{name} {problem}</source>
        <translation>{name} {problem}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{value} is not a whole number; using {default}</source>
        <translation>{value} 不是整数；使用 {default}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{value} is outside {low}–{high}; using {near}</source>
        <translation>{value} 超出 {low}–{high} 范围；使用 {near}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{value} is not true or false; using {default}</source>
        <translation>{value} 不是 true 或 false；使用 {default}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+21"/>
        <source>{value} is not one of {allowed}; using {default}</source>
        <translation>{value} 不是 {allowed} 之一；使用 {default}</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>{value} is not a folder path; using {default} (outputs/)</source>
        <translation>{value} 不是文件夹路径；使用 {default}（outputs/）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{value} is not text; using {default}</source>
        <translation>{value} 不是文本；改用 {default}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is not a saved form; using {default}</source>
        <translation>不是已保存的表单；使用 {default}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds text or numbers that cannot be saved; using {default}</source>
        <translation>包含无法保存的文本或数字；使用 {default}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>is not a saved window state; using the default window layout</source>
        <translation>不是已保存的窗口状态；使用默认窗口布局</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>holds text that cannot be saved; using the default window layout</source>
        <translation>包含无法保存的文本；使用默认窗口布局</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/urls.py" line="+32"/>
        <source>The server address is empty. Use one like {example}.</source>
        <translation>服务器地址为空。请使用类似 {example} 的地址。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it contains a space or a line break</source>
        <translation>包含空格或换行符</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>it has no host name</source>
        <translation>没有主机名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{address}: a server address cannot have a query (?) or fragment (#).</source>
        <translation>{address}：服务器地址不能包含查询（?）或片段（#）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>a line break</source>
        <translation>换行符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a character that is not ASCII</source>
        <translation>非 ASCII 字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a control character</source>
        <translation>控制字符</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The access token (Authorization header) contains {problem}; it must be one line of plain ASCII text, such as Bearer &lt;token&gt;.</source>
        <translation>访问令牌（Authorization 标头）包含{problem}；它必须是一行纯 ASCII 文本，例如 Bearer &lt;token&gt;。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{address} is not a server address: {why}.</source>
        <translation>{address} 不是服务器地址：{why}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it must start with http:// or https:// (like {example})</source>
        <translation>必须以 http:// 或 https:// 开头（例如 {example}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>its IPv6 address is not closed with ]</source>
        <translation>其 IPv6 地址缺少闭合的 ]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the port must be a number from 1 to 65535</source>
        <translation>端口必须是 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/sources.py" line="+112"/>
        <source>{name} is {size} MB, too large to be a ComfyUI workflow.</source>
        <translation>{name} 大小为 {size} MB，太大了，不可能是 ComfyUI 工作流。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{name} could not be read as a ComfyUI workflow ({reason}).</source>
        <translation>无法将 {name} 读取为 ComfyUI 工作流（{reason}）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} is too large to look for a workflow in it.</source>
        <translation>{name} 太大，无法在其中查找工作流。</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Cannot read {name}: {reason}.</source>
        <translation>无法读取 {name}：{reason}。</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>{name} is not a text file, so not a ComfyUI workflow.</source>
        <translation>{name} 不是文本文件，因此不是 ComfyUI 工作流。</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>{name} carries A1111/Forge generation settings, not a ComfyUI workflow. Drop it onto Generate to use its settings with a template.</source>
        <translation>{name} 包含的是 A1111/Forge 的生成参数，而不是 ComfyUI 工作流。请将它拖放到“生成”页，以便在模板中使用这些参数。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} carries no ComfyUI workflow (no &apos;prompt&apos; or &apos;workflow&apos; metadata).</source>
        <translation>{name} 中没有 ComfyUI 工作流（没有 &apos;prompt&apos; 或 &apos;workflow&apos; 元数据）。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>{name} is not valid JSON (line {line}, column {column}), so it is not a ComfyUI workflow.</source>
        <translation>{name} 不是有效的 JSON（第 {line} 行，第 {column} 列），因此不是 ComfyUI 工作流。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/importer.py" line="+74"/>
        <source>{what}: {help}</source>
        <translation>{what}：{help}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{what} is not a ComfyUI API-format workflow (expected an object).</source>
        <translation>{what} 不是 ComfyUI API 格式的工作流（应为一个对象）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{what} is an empty workflow: it has no nodes.</source>
        <translation>{what} 是一个空工作流：没有任何节点。</translation>
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
        <translation>{what} 是包含 {count} 个任务的 ComfyUI 历史记录，而一个模板只能由其中一个任务生成：请从 ComfyUI 获取你想要的那一个（/history/&lt;prompt id&gt;），然后导入它。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/nesting.py" line="+26"/>
        <source>{what}: the workflow is nested too deeply (over {levels} levels).</source>
        <translation>{what}：工作流嵌套过深（超过 {levels} 层）。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/ui_format.py" line="+18"/>
        <source>This is a ComfyUI workflow in the editor&apos;s own format (the one Save writes), not the API format Studio Desktop runs. In ComfyUI open it and choose Workflow &gt; Export (API) in the menu, then import the file that gives. On older ComfyUI versions: open Settings (the gear), turn on &apos;Enable Dev mode Options&apos;, then use the &apos;Save (API Format)&apos; button.</source>
        <translation>这是 ComfyUI 编辑器自身格式的工作流（即“Save”保存的格式），不是 Studio Desktop 运行所用的 API 格式。请在 ComfyUI 中打开它，从菜单中选择 Workflow &gt; Export (API)，然后导入导出的文件。较旧的 ComfyUI 版本：打开设置（齿轮图标），开启“Enable Dev mode Options”，然后使用“Save (API Format)”按钮。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Converting a workflow in the editor&apos;s format needs the node list of a ComfyUI server, and none is connected. Connect a server and try again, or export the API format: {help}</source>
        <translation>转换编辑器格式的工作流需要 ComfyUI 服务器的节点列表，但当前没有已连接的服务器。请连接服务器后重试，或导出 API 格式：{help}</translation>
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
        <translation>扩散模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Text encoder</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduler</source>
        <translation>调度器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upscale method</source>
        <translation>放大方法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upscale model</source>
        <translation>放大模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLIP vision model</source>
        <translation>CLIP 视觉模型</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The workflow has no nodes.</source>
        <translation>工作流中没有节点。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Node {node} is not a ComfyUI node (it has no class_type).</source>
        <translation>节点 {node} 不是 ComfyUI 节点（缺少 class_type）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Node {node} ({class_type}) has inputs that are not an object.</source>
        <translation>节点 {node}（{class_type}）的输入不是对象。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The workflow has no output node (such as Save Image), so the server would not run it.</source>
        <translation>工作流中没有输出节点（例如 Save Image），因此服务器不会运行它。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The server has no &apos;{class_type}&apos; node ({pack}). {hint}</source>
        <translation>服务器上没有 &apos;{class_type}&apos; 节点（{pack}）。{hint}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server has no &apos;{class_type}&apos; node: install the custom node pack {pack}{where} on the server and restart ComfyUI.{how}</source>
        <translation>服务器上没有 &apos;{class_type}&apos; 节点：请在服务器上安装自定义节点包 {pack}{where}，然后重启 ComfyUI。{how}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server has no &apos;{class_type}&apos; node. It may come from a custom node pack that is not installed there, or need a newer ComfyUI.</source>
        <translation>服务器上没有 &apos;{class_type}&apos; 节点。它可能来自服务器上未安装的自定义节点包，或需要更新版本的 ComfyUI。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Node {node} ({class_type}) needs its input &apos;{name}&apos;, which is missing.</source>
        <translation>节点 {node}（{class_type}）缺少必需的输入 &apos;{name}&apos;。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{noun} &apos;{value}&apos; is not on this server ({listing}).{hint}</source>
        <translation>此服务器上没有 {noun} &apos;{value}&apos;（{listing}）。{hint}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&apos;{name}&apos; of node {node} ({class_type}) must be a number, not {value}.</source>
        <translation>节点 {node}（{class_type}）的 &apos;{name}&apos; 必须是数字，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{label} must be at least {bound} (it is {value}).</source>
        <translation>{label} 不能小于 {bound}（当前为 {value}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{label} must be at most {bound} (it is {value}).</source>
        <translation>{label} 不能大于 {bound}（当前为 {value}）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;{name}&apos; of node {node}</source>
        <translation>节点 {node} 的 &apos;{name}&apos;</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Input &apos;{name}&apos; of node {node} ({class_type}) {problem}.</source>
        <translation>节点 {node}（{class_type}）的输入 &apos;{name}&apos; {problem}。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>is a malformed link {link} (expected [node id, output index])</source>
        <translation>是格式错误的连接 {link}（应为 [节点 ID, 输出序号]）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is a malformed link {link} (the output index must be a whole number)</source>
        <translation>是格式错误的连接 {link}（输出序号必须是整数）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is linked to node {source}, which is not in the workflow</source>
        <translation>连接到了节点 {source}，但该节点不在工作流中</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>is linked to output {index} of node {source} ({source_class}), which has 1 output</source>
        <translation>连接到了节点 {source}（{source_class}）的输出 {index}，但该节点只有 1 个输出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is linked to output {index} of node {source} ({source_class}), which has {count} outputs</source>
        <translation>连接到了节点 {source}（{source_class}）的输出 {index}，但该节点只有 {count} 个输出</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>expects {wanted} but is linked to an output of type {received} (node {source})</source>
        <translation>需要 {wanted}，但连接到了类型为 {received} 的输出（节点 {source}）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nodes form a loop: {path}. A workflow must flow one way.</source>
        <translation>节点之间形成了循环：{path}。工作流必须单向流动。</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>it has none</source>
        <translation>没有任何可用项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it has: {shown} and {more} more</source>
        <translation>现有：{shown}，另有 {more} 个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it has: {shown}</source>
        <translation>现有：{shown}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/workers/pool.py" line="+169"/>
        <source>{url} is already in the list.</source>
        <translation>{url} 已在列表中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Adding the server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{url} is not in the list.</source>
        <translation>{url} 不在列表中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Removing the server</source>
        <translation>移除服务器</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Queueing</source>
        <translation>加入队列</translation>
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
        <translation>移动任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+15"/>
        <source>Retrying</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pinning the group</source>
        <translation>正在固定分组</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pinning the job</source>
        <translation>正在固定任务</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pausing the group</source>
        <translation>正在暂停分组</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pausing the queue</source>
        <translation>正在暂停队列</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resuming the queue</source>
        <translation>正在恢复队列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The queue is shut down.</source>
        <translation>队列已关闭。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{what} failed unexpectedly; the log has the details.</source>
        <translation>{what}意外失败；详细信息见日志。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/dispatcher.py" line="+53"/>
        <source>This job has already ended; it cannot be cancelled.</source>
        <translation>此任务已结束，无法取消。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This job has already completed; it cannot be cancelled.</source>
        <translation>此任务已完成，无法取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This job has already failed; it cannot be cancelled.</source>
        <translation>此任务已失败，无法取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This job is already cancelled.</source>
        <translation>此任务已取消。</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>{url} is already connected.</source>
        <translation>{url} 已连接。</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Only a waiting job can be pinned.</source>
        <translation>只能固定等待中的任务。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/store/errors.py" line="+41"/>
        <source>This job no longer exists.</source>
        <translation>此任务已不存在。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/dispatcher.py" line="-74"/>
        <source>Only a waiting job can be moved to the front.</source>
        <translation>只有等待中的任务才能移到最前。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Only a failed or cancelled job can be retried.</source>
        <translation>只有失败或已取消的任务才能重试。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/store/errors.py" line="+9"/>
        <source>This group no longer exists.</source>
        <translation>此分组已不存在。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This image no longer exists.</source>
        <translation>此图片已不存在。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A server with the address {url} is already in the list.</source>
        <translation>地址为 {url} 的服务器已在列表中。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This board no longer exists.</source>
        <translation>此画板已不存在。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A board named &apos;{name}&apos; exists already.</source>
        <translation>已存在名为“{name}”的画板。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A board needs a name.</source>
        <translation>画板需要一个名称。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/coordinator.py" line="+156"/>
        <source>No server can run this job. {why}</source>
        <translation>没有服务器能运行此任务。{why}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/engine/placement.py" line="+59"/>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not reachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>this server is not in use</source>
        <translation>此服务器未启用</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the template {name} is not installed here</source>
        <translation>此处未安装模板 {name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>lacks the nodes {nodes} ({pack}). {help}</source>
        <translation>缺少节点 {nodes}（{pack}）。{help}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>lacks the nodes {nodes}</source>
        <translation>缺少节点 {nodes}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>install {pack} ({url}) and restart ComfyUI.{how}</source>
        <translation>请安装 {pack}（{url}）并重启 ComfyUI。{how}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>install {pack} and restart ComfyUI.{how}</source>
        <translation>请安装 {pack} 并重启 ComfyUI。{how}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>lacks the model {model} (download it from {url} into ComfyUI&apos;s models/{folder} folder)</source>
        <translation>缺少模型 {model}（请从 {url} 下载到 ComfyUI 的 models/{folder} 文件夹）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>lacks the model {model} (download it into ComfyUI&apos;s models/{folder} folder)</source>
        <translation>缺少模型 {model}（请下载到 ComfyUI 的 models/{folder} 文件夹）</translation>
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
        <translation>服务器上未安装：它来自节点包 {pack}。请在 ComfyUI 中安装该节点包，或删除该节点。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not installed on the server. Install the node pack that provides it in ComfyUI, or remove the node.</source>
        <translation>服务器上未安装。请在 ComfyUI 中安装提供它的节点包，或删除该节点。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its input {input} is linked to node {origin}, which is not in the workflow.</source>
        <translation>它的输入 {input} 连接到了节点 {origin}，但该节点不在工作流中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its input {input} goes round in a loop of reroutes or bypassed nodes.</source>
        <translation>它的输入 {input} 在转接点（Reroute）或已绕过（bypass）的节点之间形成了循环。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a subgraph whose definition is missing from the workflow.</source>
        <translation>这是一个子图，但工作流中缺少它的定义。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>subgraphs nest more than {limit} deep (or contain themselves).</source>
        <translation>子图嵌套超过 {limit} 层（或包含了自身）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what} is not a ComfyUI workflow: {reason}.</source>
        <translation>{what} 不是 ComfyUI 工作流：{reason}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what}: node number {index} is not a valid node ({reason}).</source>
        <translation>{what}：第 {index} 个节点不是有效的节点（{reason}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what}: the workflow has no node the server would run.</source>
        <translation>{what}：该工作流中没有服务器会运行的节点。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Node {node} ({type}): {reason}</source>
        <translation>节点 {node}（{type}）：{reason}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/export.py" line="+46"/>
        <source>This job has no workflow yet: it is recorded when the job is sent to a server.</source>
        <translation>此任务还没有工作流：工作流会在任务发送到服务器时记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The UI format needs a connected ComfyUI server&apos;s node list (its output file carries no &apos;workflow&apos; to copy). Connect a server and try again, or export the API format.</source>
        <translation>UI 格式需要已连接的 ComfyUI 服务器的节点列表（其输出文件中没有可直接复制的 &apos;workflow&apos;）。请连接服务器后重试，或导出 API 格式。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not write the UI-format workflow: {reason}</source>
        <translation>无法生成 UI 格式的工作流：{reason}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/ui_graph/model.py" line="+112"/>
        <source>it has no list of nodes</source>
        <translation>其中没有节点列表</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no id</source>
        <translation>没有 id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no type</source>
        <translation>没有类型</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/graph_options.py" line="+142"/>
        <source>This workflow has no checkpoint loader (CheckpointLoaderSimple), so LoRAs, a VAE or CLIP skip cannot be added to it.</source>
        <translation>此工作流没有 Checkpoint 加载器（CheckpointLoaderSimple），因此无法添加 LoRA、VAE 或 CLIP 跳过层。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This workflow has {count} checkpoint loaders (nodes {nodes}); LoRAs, a VAE or CLIP skip are only added where there is one.</source>
        <translation>此工作流有 {count} 个 Checkpoint 加载器（节点 {nodes}）；只有在仅有一个时才能添加 LoRA、VAE 或 CLIP 跳过层。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This workflow has no KSampler node, so a hires fix or a latent batch cannot be added to it.</source>
        <translation>此工作流没有 KSampler 节点，因此无法添加高清修复或 Latent 批次。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This workflow has {count} KSampler nodes (nodes {nodes}); a hires fix or a latent batch is only added where there is one.</source>
        <translation>此工作流有 {count} 个 KSampler 节点（节点 {nodes}）；只有在仅有一个时才能添加高清修复或 Latent 批次。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The KSampler&apos;s latent image is not linked, so a latent batch cannot be added.</source>
        <translation>KSampler 的 Latent 图像没有连接，因此无法添加 Latent 批次。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The KSampler&apos;s result goes to no VAE Decode node, so it cannot be upscaled with a model; choose the latent upscaler.</source>
        <translation>KSampler 的结果没有连接到 VAE 解码节点，因此无法用放大模型放大；请选择 Latent 放大。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/prompts/dynamic.py" line="+94"/>
        <source>The prompt has more than {limit} combinations; use random mode or fewer choices.</source>
        <translation>该提示词的组合超过 {limit} 种；请使用随机模式或减少选项。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The prompt cannot be read at line {line}, column {column} (near &apos;{found}&apos;): check that each {open} has its {close} and that $$ and :: are inside braces.</source>
        <translation>无法读取提示词第 {line} 行第 {column} 列（“{found}”附近）：请检查每个 {open} 都有对应的 {close}，并且 $$ 和 :: 位于花括号内。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The wildcard __{name}__ has no file: add {name}.txt to {folder}.</source>
        <translation>通配符 __{name}__ 没有对应的文件：请把 {name}.txt 添加到 {folder}。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/prompts/jobs.py" line="+54"/>
        <source>{combinations} combinations × {jobs} jobs each is more than {limit} jobs.</source>
        <translation>{combinations} 种组合 × 每种 {jobs} 个任务，超过了 {limit} 个任务。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/managed/downloads.py" line="+61"/>
        <source>The download was cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+17"/>
        <location line="+10"/>
        <source>&apos;{name}&apos; is not a file name that can be saved.</source>
        <translation>&apos;{name}&apos; 不是可以保存的文件名。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>The server answered {status} {reason} for {url}.</source>
        <translation>服务器对 {url} 的回应是 {status} {reason}。</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>The disk is full: free some space in {folder}.</source>
        <translation>磁盘已满：请在 {folder} 所在磁盘上腾出空间。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot write in {folder}: {reason}</source>
        <translation>无法写入 {folder}：{reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{url} did not answer in time; try again.</source>
        <translation>{url} 未能及时响应；请重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not connect to {url}: {reason}</source>
        <translation>无法连接到 {url}：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file at {url} changed since the download began; it starts again from the beginning on the next try.</source>
        <translation>{url} 上的文件在下载开始后已更改；下次重试将从头开始下载。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The connection dropped after {done} of {total} bytes; try again to resume.</source>
        <translation>连接在 {done} / {total} 字节处中断；重试即可继续下载。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is damaged or not the expected file (SHA-256 {actual}, expected {expected}); it was deleted.</source>
        <translation>{name} 已损坏或不是预期的文件（SHA-256 为 {actual}，应为 {expected}）；已将其删除。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/packs.py" line="+40"/>
        <source> In ComfyUI&apos;s folder, with its Python: {manager} (ComfyUI-Manager), or {comfy} (comfy-cli).</source>
        <translation>在 ComfyUI 的文件夹中，用它的 Python 运行：{manager}（ComfyUI-Manager），或 {comfy}（comfy-cli）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> In ComfyUI&apos;s folder: {command}.</source>
        <translation>在 ComfyUI 的文件夹中运行：{command}。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/sweeps/axes.py" line="+45"/>
        <source>sweep axis {axis} ({spec}): {problem}</source>
        <translation>扫描 {axis} 轴（{spec}）：{problem}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sweep axis {axis} ({spec}) at character {where}: {problem}</source>
        <translation>扫描 {axis} 轴（{spec}）第 {where} 个字符：{problem}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{count} values; at most {most}</source>
        <translation>{count} 个值；最多 {most} 个</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>expected FIELD=VALUES, e.g. steps=10,20,30</source>
        <translation>应为 字段=值，例如 steps=10,20,30</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown field {name}; one of {known}</source>
        <translation>未知字段 {name}；可用：{known}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no values after &apos;=&apos;</source>
        <translation>“=”后面没有值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a prompt axis needs the text to replace and what replaces it</source>
        <translation>提示词轴需要要替换的文本以及替换成的文本</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>seed {seed} is not 0 to {most}</source>
        <translation>种子 {seed} 不在 0 到 {most} 之间</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{field} must be at least 1</source>
        <translation>{field} 至少为 1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>empty value (two commas in a row?)</source>
        <translation>空值（连续两个逗号？）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{value} is not a finite number</source>
        <translation>{value} 不是有限的数字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{value} is not WIDTHxHEIGHT, e.g. 512x768</source>
        <translation>{value} 不是 宽x高 格式，例如 512x768</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>a range of whole numbers needs whole ends</source>
        <translation>整数范围的两端必须是整数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>[0] values</source>
        <translation>[0] 个值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a range of decimals needs a step (+0.1) or a count [5]</source>
        <translation>小数范围需要步长 (+0.1) 或个数 [5]</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the step is 0</source>
        <translation>步长为 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a step of {step} never gets from {start} to {end}</source>
        <translation>步长 {step} 无法从 {start} 到达 {end}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a whole-number field needs a whole step</source>
        <translation>整数字段需要整数步长</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>a quote that is never closed</source>
        <translation>引号没有闭合</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>expected &apos;,&apos; after a quoted value</source>
        <translation>带引号的值后面应为“,”</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>at most 3 axes (X, Y, Z)</source>
        <translation>最多 3 个轴（X、Y、Z）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{field} is already axis {axis}</source>
        <translation>{field} 已经是 {axis} 轴</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{count} cells; at most {most}</source>
        <translation>{count} 个单元格；最多 {most} 个</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the prompt does not hold {text}</source>
        <translation>提示词中没有 {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the negative does not hold {text}</source>
        <translation>反向提示词中没有 {text}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/managed/messages.py" line="+21"/>
        <source>could not run {python}</source>
        <translation>无法运行 {python}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ComfyUI exited while starting (exit code {code})</source>
        <translation>ComfyUI 在启动过程中退出（退出代码 {code}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ComfyUI did not answer on {url} within {seconds} s</source>
        <translation>ComfyUI 在 {seconds} 秒内未在 {url} 上响应</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>stopped while starting</source>
        <translation>在启动过程中被停止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a ComfyUI already answers at {url}</source>
        <translation>{url} 上已有一个 ComfyUI 在响应</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>port {port} is taken by something that is not ComfyUI: using {instead}</source>
        <translation>端口 {port} 已被其他非 ComfyUI 的程序占用：改用 {instead}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>ComfyUI stopped unexpectedly (exit code {code})</source>
        <translation>ComfyUI 意外停止（退出代码 {code}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{problem}; restarting in {seconds} s</source>
        <translation>{problem}；将在 {seconds} 秒后重启</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{problem}; gave up after {restarts} restarts</source>
        <translation>{problem}；重启 {restarts} 次后已放弃</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ComfyUI is back at {url}</source>
        <translation>ComfyUI 已在 {url} 恢复运行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{folder} is not a ComfyUI folder</source>
        <translation>{folder} 不是 ComfyUI 文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI&apos;s code was not found for {folder}</source>
        <translation>未找到 {folder} 的 ComfyUI 代码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no python was found beside {folder}; name one</source>
        <translation>{folder} 旁边未找到 Python；请指定一个</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} is not a way to run ComfyUI (gpu, lowvram or cpu)</source>
        <translation>{name} 不是 ComfyUI 的运行方式（可用 gpu、lowvram 或 cpu）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the extra arguments have an unclosed quote</source>
        <translation>额外参数中有未闭合的引号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the extra arguments end with a lone backslash</source>
        <translation>额外参数以单独的反斜杠结尾</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the extra arguments cannot be read: {error}</source>
        <translation>无法读取额外参数：{error}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/managed/registry.py" line="+17"/>
        <source>Local ComfyUI (managed)</source>
        <translation>本机 ComfyUI（托管）</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/servers.py" line="+37"/>
        <source>Local ComfyUI</source>
        <translation>本机 ComfyUI</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/workflows/defaults.py" line="+127"/>
        <source>Server&apos;s default model</source>
        <translation>服务器默认模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{model} (the server&apos;s default)</source>
        <translation>{model}（服务器默认模型）</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/crash_dialog.py" line="+46"/>
        <source>Studio Desktop — Unexpected error</source>
        <translation>Studio Desktop — 意外错误</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Studio Desktop hit an unexpected error</source>
        <translation>Studio Desktop 遇到了意外错误</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your jobs and images are safe. You can continue, but if something behaves oddly, quit and start Studio Desktop again. When reporting the problem, attach the log below.</source>
        <translation>你的任务和图片都安全无恙。你可以继续使用；如果出现异常，请退出并重新启动 Studio Desktop。报告问题时，请附上下面的日志。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Details were saved to:</source>
        <translation>详细信息已保存到：</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n more error(s) happened since; each has its own crash log in that folder.</source>
        <translation>
            <numerusform>此后又发生了 %n 个错误；每个错误在该文件夹中都有各自的崩溃日志。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(the log could not be read: {error})</source>
        <translation>（无法读取日志：{error}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>DynamicPromptTexts</name>
    <message>
        <location filename="../../studio_desktop/ui/dynamic_prompt_texts.py" line="+26"/>
        <source>Prompt as typed</source>
        <translation>输入的提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative as typed</source>
        <translation>输入的反向提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variations</source>
        <translation>变化方式</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Every combination</source>
        <translation>所有组合</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One pick per job</source>
        <translation>每个任务随机选一个</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/filter_bar.py" line="+67"/>
        <source>Search prompts…</source>
        <translation>搜索提示词…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Favourites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only favourites</source>
        <translation>只显示收藏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Images with this tag (completes from the tags in use)</source>
        <translation>带有此标签的图片（根据已使用的标签自动补全）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Workflow template</source>
        <translation>工作流模板</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind of output</source>
        <translation>输出类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Animations</source>
        <translation>动图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>When it was made</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past 30 days</source>
        <translation>过去 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past year</source>
        <translation>过去一年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range…</source>
        <translation>自定义范围…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From (inclusive)</source>
        <translation>起始日期（含）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (inclusive)</source>
        <translation>结束日期（含）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show deleted images, to restore them</source>
        <translation>显示已删除的图片，以便恢复</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>All templates</source>
        <translation>所有模板</translation>
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
        <translation>欢迎使用 Studio Desktop</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Studio Desktop makes images with ComfyUI running on your own GPU.</source>
        <translation>Studio Desktop 借助在你自己的 GPU 上运行的 ComfyUI 生成图片。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Next: pick a template on the Generate tab, describe the image and press Queue (Ctrl+Enter). Servers and other options are under Settings.</source>
        <translation>下一步：在“生成”标签页选择一个模板，描述想要的图片，然后点击“加入队列”（Ctrl+Enter）。服务器和其他选项在“设置”中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start creating</source>
        <translation>开始创作</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Start ComfyUI: run &lt;b&gt;python main.py&lt;/b&gt; in your ComfyUI folder, or open ComfyUI Desktop.</source>
        <translation>启动 ComfyUI：在 ComfyUI 文件夹中运行 &lt;b&gt;python main.py&lt;/b&gt;，或打开 ComfyUI Desktop。</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>It usually listens on &lt;b&gt;{url}&lt;/b&gt;. When it is up, click Check again.</source>
        <translation>它通常监听 &lt;b&gt;{url}&lt;/b&gt;。启动完成后，点击“重新检查”。</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>ComfyUI on another computer or port? Use another address. Without a server, the jobs you queue wait until one is available.</source>
        <translation>ComfyUI 在另一台电脑或其他端口上？请使用其他地址。没有服务器时，加入队列的任务会一直等待，直到有服务器可用。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>e.g. http://192.168.1.20:8188</source>
        <translation>例如 http://192.168.1.20:8188</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use another address…</source>
        <translation>使用其他地址…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue without a server</source>
        <translation>不连接服务器，继续</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;b&gt;Let Studio Desktop start ComfyUI for you&lt;/b&gt;</source>
        <translation>&lt;b&gt;让 Studio Desktop 为你启动 ComfyUI&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;Or start it yourself&lt;/b&gt;</source>
        <translation>&lt;b&gt;或者自己启动它&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Looking for ComfyUI at {url}…</source>
        <translation>正在 {url} 查找 ComfyUI…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Connecting to {url}…</source>
        <translation>正在连接 {url}…</translation>
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
        <translation>{url} 上没有运行 ComfyUI</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start it so that it listens on &lt;b&gt;{url}&lt;/b&gt;. When it is up, click Check again.</source>
        <translation>请启动它并让它监听 &lt;b&gt;{url}&lt;/b&gt;。启动后点击“重新检查”。</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/model.py" line="+609"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
</context>
<context>
    <name>GallerySidebar</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/sidebar.py" line="+120"/>
        <location line="+2"/>
        <source>Boards</source>
        <translation>画板</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New board…</source>
        <translation>新建画板…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A board collects images by hand: drag images onto it from the grid</source>
        <translation>画板用于手动收集图片：从网格中把图片拖到画板上</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show images that have every chosen tag</source>
        <translation>显示带有所有选中标签的图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No tags yet: tag images from their context menu.</source>
        <translation>还没有标签：可在图片的右键菜单中添加标签。</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>All images</source>
        <translation>所有图片</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>New board</source>
        <translation>新建画板</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+101"/>
        <source>Name of the board:</source>
        <translation>画板名称：</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>Board {name} created</source>
        <translation>已创建画板 {name}</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Added %n image(s) to {board}</source>
        <translation>
            <numerusform>已将 %n 张图片添加到 {board}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Only images of the library can go on a board.</source>
        <translation>只有库中的图片才能放到画板上。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+25"/>
        <source>Delete board</source>
        <translation>删除画板</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Rename board</source>
        <translation>重命名画板</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete the board {name}? Its images stay in the library.</source>
        <translation>要删除画板 {name} 吗？其中的图片仍会保留在库中。</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tab.py" line="+121"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
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
            <numerusform>已将 %n 张图片移到回收站</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <location line="+279"/>
        <source>Restored %n image(s)</source>
        <translation>
            <numerusform>已恢复 %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-261"/>
        <source>Added %n image(s) to favourites</source>
        <translation>
            <numerusform>已将 %n 张图片加入收藏</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Removed %n image(s) from favourites</source>
        <translation>
            <numerusform>已将 %n 张图片取消收藏</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>正在导出 %n 张图片…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Compare cancelled</source>
        <translation>已取消对比</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>This board is empty: drag images onto it, or use Add to board in their context menu.</source>
        <translation>此画板是空的：把图片拖到这里，或在图片的右键菜单中使用“添加到画板”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No images match these filters.</source>
        <translation>没有符合这些筛选条件的图片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+390"/>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <location line="-387"/>
        <source>No images yet — queue a job on the Generate tab and its results appear here.</source>
        <translation>还没有图片 — 在“生成”标签页加入一个任务，结果就会显示在这里。</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n selected</source>
        <translation>
            <numerusform>已选择 %n 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+70"/>
        <source>Moved %n image(s) back to the trash</source>
        <translation>
            <numerusform>已将 %n 张图片移回回收站</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Exported %n image(s) to {where}</source>
        <translation>
            <numerusform>已将 %n 张图片导出到 {where}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>({count} missing)</source>
        <translation>（缺失 {count} 个）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open viewer</source>
        <translation>打开查看器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open sweep grid</source>
        <translation>打开扫描网格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remix</source>
        <translation>重混</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove from favourites</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Export %n image(s)</source>
        <translation>
            <numerusform>导出 %n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To a folder…</source>
        <translation>到文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a folder, without metadata…</source>
        <translation>到文件夹（不含元数据）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a zip file…</source>
        <translation>到 ZIP 文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a zip file, without metadata…</source>
        <translation>到 ZIP 文件（不含元数据）…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty trash…</source>
        <translation>清空回收站…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Prompt copied</source>
        <translation>已复制提示词</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The image file is missing or unreadable.</source>
        <translation>图片文件丢失或无法读取。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image copied</source>
        <translation>已复制图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No application could open {path}</source>
        <translation>没有应用程序能打开 {path}</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Empty trash</source>
        <translation>清空回收站</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n image(s) in the trash for good?</source>
        <translation>
            <numerusform>要永久删除回收站中的 %n 张图片吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their files are deleted too. This cannot be undone.</source>
        <translation>其文件也会被删除。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete for good</source>
        <translation>永久删除</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Deleted %n image(s) for good</source>
        <translation>
            <numerusform>已永久删除 %n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy seed</source>
        <translation>复制种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy parameters</source>
        <translation>复制参数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit mask…</source>
        <translation>编辑蒙版…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compare with…</source>
        <translation>对比…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compare with its source image</source>
        <translation>与其源图片对比</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No seed was recorded for this image.</source>
        <translation>此图片没有记录种子。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed copied</source>
        <translation>已复制种子</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No parameters were recorded for this image.</source>
        <translation>此图片没有记录参数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters copied</source>
        <translation>已复制参数</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+68"/>
        <source>Click the image to compare it with (Esc cancels)</source>
        <translation>点击要与之对比的图片（按 Esc 取消）</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Pick another image to compare with.</source>
        <translation>请选择另一张图片进行对比。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This image&apos;s job had no source image.</source>
        <translation>生成此图片的任务没有源图片。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Source image ({slot})</source>
        <translation>源图片（{slot}）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no image there.</source>
        <translation>那里没有图片。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>seed {seed}</source>
        <translation>种子 {seed}</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>Export to a zip file</source>
        <translation>导出到 ZIP 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zip files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to a folder</source>
        <translation>导出到文件夹</translation>
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
        <translation>打开</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Images, thumbnails, the job database and logs live here. To use another folder, start Studio Desktop with --data-dir FOLDER or set STUDIO_DATA_DIR.</source>
        <translation>图片、缩略图、任务数据库和日志都保存在这里。要使用其他文件夹，请用 --data-dir FOLDER 启动 Studio Desktop，或设置 STUDIO_DATA_DIR 环境变量。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Studio Desktop could not use this folder when it started; new images are saved in {folder} until you choose a folder that works.</source>
        <translation>Studio Desktop 启动时无法使用此文件夹；在你选择一个可用的文件夹之前，新图片保存在 {folder}。</translation>
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
        <translation> 小时</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+24"/>
        <source>Follow system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Studio Desktop uses the new language the next time it starts.</source>
        <translation>Studio Desktop 下次启动时将使用新的语言。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the settings, close Studio Desktop as usual and start it again</source>
        <translation>保存设置，正常关闭 Studio Desktop 并重新启动</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The STUDIO_THEME environment variable overrides this choice.</source>
        <translation>STUDIO_THEME 环境变量会覆盖此选项。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Notify me when a batch is done</source>
        <translation>一批任务完成时通知我</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New images are saved here; existing ones stay where they are.</source>
        <translation>新图片保存在这里；已有的图片留在原处。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thumbnail size:</source>
        <translation>缩略图大小：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep deleted images:</source>
        <translation>已删除图片保留：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items in the trash are removed for good after this time.</source>
        <translation>回收站中的项目超过此时间后将被永久删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep temporary files:</source>
        <translation>临时文件保留：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompts ahead per server:</source>
        <translation>每台服务器预发送任务数：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Prompts handed to each server in advance so its GPU never waits. 2 suits most setups. Takes effect after a restart.</source>
        <translation>预先交给每台服务器的任务数，让 GPU 无需等待。大多数情况下 2 即可。重启后生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
</context>
<context>
    <name>GenerateForm</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+127"/>
        <source>The workflow the job runs</source>
        <translation>任务要运行的工作流</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Describe the image: subject, style, lighting, composition…</source>
        <translation>描述图片：主体、风格、光照、构图…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to avoid, e.g. blurry, low quality, text, watermark</source>
        <translation>要避免的内容，例如 blurry, low quality, text, watermark</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/server_combos.py" line="+50"/>
        <source>No models known yet</source>
        <translation>暂无已知模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server&apos;s default model</source>
        <translation>服务器默认模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server that runs the job uses the first model it lists.</source>
        <translation>运行该任务的服务器会使用它列出的第一个模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No samplers known yet</source>
        <translation>暂无已知采样器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No schedulers known yet</source>
        <translation>暂无已知调度器</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+11"/>
        <source>Read the model, sampler and scheduler lists again</source>
        <translation>重新读取模型、采样器和调度器列表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sampling steps: more is slower and often finer</source>
        <translation>采样步数：越多越慢，细节通常越好</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How closely the image follows the prompt</source>
        <translation>图片遵循提示词的程度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of the reference image to repaint: 1.0 ignores it entirely</source>
        <translation>对参考图重绘的程度：1.0 表示完全忽略参考图</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many jobs to queue, each with its own seed</source>
        <translation>要加入队列的任务数，每个任务使用各自的种子</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+23"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduler</source>
        <translation>调度器</translation>
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
        <translation>CLIP 跳过层</translation>
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
        <translation>步数</translation>
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
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+59"/>
        <source>Template settings</source>
        <translation>模板设置</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+45"/>
        <source> job</source>
        <translation> 个任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> jobs</source>
        <translation> 个任务</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+1"/>
        <source>ControlNet model</source>
        <translation>ControlNet 模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Control strength</source>
        <translation>控制强度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upscale model</source>
        <translation>放大模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale by</source>
        <translation>缩放倍数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames per second</source>
        <translation>帧率 (FPS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diffusion model</source>
        <translation>扩散模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edge grow (px)</source>
        <translation>边缘扩展（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mask grow (px)</source>
        <translation>蒙版扩展（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mask feather (px)</source>
        <translation>蒙版羽化（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swap model</source>
        <translation>换脸模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Face restore model</source>
        <translation>面部修复模型</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>LoRA {n} strength</source>
        <translation>LoRA {n} 强度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LoRA {n}</source>
        <translation>LoRA {n}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/server_combos.py" line="+30"/>
        <source>{name} is not on server {server}</source>
        <translation>服务器 {server} 上没有 {name}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+262"/>
        <location line="+9"/>
        <source>No template is installed.</source>
        <translation>没有安装任何模板。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/reference_images.py" line="+117"/>
        <source>The image for {label} is still being copied.</source>
        <translation>{label} 的图片仍在复制中。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add an image for {label}.</source>
        <translation>请为 {label} 添加一张图片。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+144"/>
        <source>The template {name} is not installed; kept {current}.</source>
        <translation>未安装模板 {name}，保留 {current}。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/graph_option_fields.py" line="-82"/>
        <source>No VAEs known yet</source>
        <translation>尚无已知的 VAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the checkpoint</source>
        <translation>使用 Checkpoint 自带</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The VAE built into the model; pick one to use another.</source>
        <translation>模型内置的 VAE；选择其他 VAE 即可替换。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Leave out the text encoder&apos;s last layers (2 suits many anime models)</source>
        <translation>跳过文本编码器的最后几层（许多动漫模型适合设为 2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="-54"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Images per job, made together in one batch (uses more video memory)</source>
        <translation>每个任务的图片数，在同一批次中一起生成（占用更多显存）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> per job</source>
        <translation> 张/任务</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../studio_desktop/ui/graph_option_texts.py" line="+3"/>
        <source>Hires fix</source>
        <translation>高清修复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upscale the image and sample it again: sharper detail at a larger size</source>
        <translation>放大图片后再采样一次：更大尺寸、更清晰的细节</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>How much larger the final image is</source>
        <translation>最终图片放大的倍数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No upscale models known yet</source>
        <translation>尚无已知的放大模型</translation>
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
        <translation>直接放大 Latent；放大模型能保留更多细节。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How much the second pass repaints: low keeps the first image</source>
        <translation>第二遍重绘的程度：数值低则保留第一遍的图片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps of the second pass</source>
        <translation>第二遍的步数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Same as the first pass</source>
        <translation>与第一遍相同</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scale</source>
        <translation>倍数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upscaler</source>
        <translation>放大方式</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="-93"/>
        <source>Prompt S/R</source>
        <translation>提示词查找/替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative S/R</source>
        <translation>反向提示词查找/替换</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="-49"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="+24"/>
        <source>Axis {axis}: {problem}</source>
        <translation>{axis} 轴：{problem}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Axis {axis}, character {where}: {problem}</source>
        <translation>{axis} 轴，第 {where} 个字符：{problem}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The field this axis varies</source>
        <translation>此轴要变化的字段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A list (10, 20, 30), every whole number of a range (1-10), N values of a range (1-10 [5]) or a range with a step (0.5-1.0 (+0.1)). Prompt S/R: the text to replace, then what replaces it.</source>
        <translation>列表（10, 20, 30）、范围内的每个整数（1-10）、范围内的 N 个值（1-10 [5]）或带步长的范围（0.5-1.0 (+0.1)）。提示词查找/替换：先写要替换的文本，再写替换成的文本。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Names</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the server&apos;s names: all of them or one</source>
        <translation>添加服务器上的名称：全部或单个</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>X/Y/Z sweep</source>
        <translation>X/Y/Z 参数扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One job per combination of up to three axes; when they end, a grid of the results opens and is kept in the gallery</source>
        <translation>最多三个轴的每种组合各生成一个任务；全部结束后会打开结果网格，并保存在图库中</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/core/fields.py" line="+33"/>
        <source>LoRA strength: {name}</source>
        <translation>LoRA 强度：{name}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="+100"/>
        <source>A sweep makes one job per cell: untick “every combination” of the prompt</source>
        <translation>参数扫描每个格子生成一个任务：请取消勾选提示词的“所有组合”</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>{count} jobs; a sweep makes at most {most}</source>
        <translation>{count} 个任务；一次参数扫描最多 {most} 个</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Axis {axis}: the negative prompt does not hold “{text}”</source>
        <translation>{axis} 轴：反向提示词中没有“{text}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Axis {axis}: the prompt does not hold “{text}”</source>
        <translation>{axis} 轴：提示词中没有“{text}”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Axis {axis}: the server has no {field} {name}</source>
        <translation>{axis} 轴：服务器上没有 {field} {name}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pick a field and type its values on one axis or more</source>
        <translation>在一个或多个轴上选择字段并输入取值</translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/tab.py" line="+132"/>
        <location line="+453"/>
        <source>Queue</source>
        <translation>加入队列</translation>
    </message>
    <message>
        <location line="-440"/>
        <source>Forever</source>
        <translation>无限生成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Generate forever: a new seed each time until you cancel the group in the queue</source>
        <translation>无限生成：每次使用新种子，直到你在队列中取消该分组</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Queued 1 job</source>
        <translation>已加入 1 个任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queued {n} jobs</source>
        <translation>已加入 {n} 个任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{queued}; they run once a server is connected</source>
        <translation>{queued}；连接服务器后即开始运行</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} is now the {slot} image</source>
        <translation>已将 {name} 设为 {slot} 图片</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The Inpaint template is missing, so no mask can be painted.</source>
        <translation>缺少“局部重绘”模板，无法绘制蒙版。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Paint the mask of {name}: white is repainted</source>
        <translation>为 {name} 绘制蒙版：白色部分将被重绘</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling the current job…</source>
        <translation>正在取消当前任务…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No job is running.</source>
        <translation>没有正在运行的任务。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No server is connected.</source>
        <translation>没有连接任何服务器。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Reading the parameters of {name}…</source>
        <translation>正在读取 {name} 的参数…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} holds a ComfyUI workflow, not parameters.</source>
        <translation>{name} 包含的是 ComfyUI 工作流，而不是生成参数。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not read {name}: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} has no generation parameters; nothing was changed.</source>
        <translation>{name} 不含生成参数，未做任何更改。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>template {name} (not installed)</source>
        <translation>模板 {name}（未安装）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restored from Studio Desktop metadata</source>
        <translation>已从 Studio Desktop 元数据恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored from ComfyUI metadata</source>
        <translation>已从 ComfyUI 元数据恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored from A1111/Forge parameters</source>
        <translation>已从 A1111/Forge 参数恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{source}; could not restore: {items}</source>
        <translation>{source}；无法恢复：{items}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The clipboard holds no image file to read parameters from.</source>
        <translation>剪贴板中没有可读取参数的图片文件。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>No server added. Start ComfyUI and add it under Servers (it usually listens on {url}). Queued jobs wait until then.</source>
        <translation>尚未添加服务器。请启动 ComfyUI，并在“服务器”中添加（它通常监听 {url}）。在此之前，队列中的任务会一直等待。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not connected to {servers}. Start ComfyUI there or check the address under Servers; queued jobs wait. The lists show the last known names.</source>
        <translation>未连接到“{servers}”。请在那里启动 ComfyUI，或在“服务器”中检查地址；队列中的任务会等待。列表显示的是上次已知的名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the lists from {server}…</source>
        <translation>正在从 {server} 读取列表…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not read the lists from {server}: {reason}</source>
        <translation>无法从 {server} 读取列表：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lists from {server}.</source>
        <translation>列表来自 {server}。</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Queue sweep: %n job(s)</source>
        <translation>
            <numerusform>加入队列：参数扫描 %n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue sweep</source>
        <translation>加入队列：参数扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate forever</source>
        <translation>无限生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue every combination</source>
        <translation>排队所有组合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue {n} jobs</source>
        <translation>加入队列（{n} 个任务）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot queue:</source>
        <translation>无法加入队列：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue the job (Ctrl+Enter)</source>
        <translation>将任务加入队列（Ctrl+Enter）</translation>
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
        <translation>×{scale}，{upscaler}，降噪 {denoise}，步数与第一遍相同</translation>
    </message>
</context>
<context>
    <name>GroupRows</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/groups.py" line="+99"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>forever: %n done</source>
        <translation>
            <numerusform>无限生成：已完成 %n 个</numerusform>
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
        <translation>约剩 {time}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>已暂停</translation>
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
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{status} · seed {seed} · {prompt}</source>
        <translation>{status} · 种子 {seed} · {prompt}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open grid</source>
        <translation>打开网格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resume group</source>
        <translation>恢复分组</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pause group</source>
        <translation>暂停分组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry failed</source>
        <translation>重试失败的任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any server</source>
        <translation>任意服务器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel group</source>
        <translation>取消分组</translation>
    </message>
</context>
<context>
    <name>HistoryFilterBar</name>
    <message>
        <location filename="../../studio_desktop/ui/history/filters.py" line="+48"/>
        <source>All jobs</source>
        <translation>所有任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting or running</source>
        <translation>等待中或运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search prompts…</source>
        <translation>搜索提示词…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search prompts</source>
        <translation>搜索提示词</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../studio_desktop/ui/history/model.py" line="+398"/>
        <source>Time the server spent running the job, without its wait in the server&apos;s queue (the details show queued, sampling and total apart)</source>
        <translation>服务器运行该任务所用的时间，不含在服务器队列中等待的时间（详细信息中分别显示排队、采样和总计时间）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The job&apos;s first output</source>
        <translation>任务的第一个输出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="-289"/>
        <location line="+338"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location line="-336"/>
        <location filename="../../studio_desktop/ui/history/table.py" line="+63"/>
        <source>{model} (default)</source>
        <translation>{model}（默认）</translation>
    </message>
    <message>
        <location line="+327"/>
        <source>{arrow} {done} of {total} done · {prompt}</source>
        <translation>{arrow} 已完成 {done}/{total} · {prompt}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Negative: {negative}</source>
        <translation>反向：{negative}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/history/tab.py" line="+243"/>
        <source>No jobs match these filters</source>
        <translation>没有符合这些筛选条件的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick another status or change the search.</source>
        <translation>请选择其他状态或修改搜索内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No jobs yet</source>
        <translation>还没有任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue one on the Generate tab and it shows up here.</source>
        <translation>在“生成”标签页加入一个任务，它就会显示在这里。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Queued again</source>
        <translation>已重新加入队列</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Queued %n job(s) again</source>
        <translation>
            <numerusform>已将 %n 个任务重新加入队列</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel a waiting or running job before deleting it.</source>
        <translation>删除等待中或运行中的任务前，请先取消它。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Deleted %n job(s) from History</source>
        <translation>
            <numerusform>已从历史记录中删除 %n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This job has no error to copy.</source>
        <translation>此任务没有可复制的错误信息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error copied</source>
        <translation>已复制错误信息</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Compare the output with its source image</source>
        <translation>将输出与其源图片对比</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Source image ({slot})</source>
        <translation>源图片（{slot}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Output {index}</source>
        <translation>输出 {index}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not open {path}</source>
        <translation>无法打开 {path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prompt copied</source>
        <translation>已复制提示词</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Remix</source>
        <translation>重混</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy error</source>
        <translation>复制错误信息</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open sweep grid</source>
        <translation>打开扫描网格</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ImageSlotWidget</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/image_slot.py" line="+164"/>
        <source>Drop an image file here, paste one with Ctrl+V, or browse</source>
        <translation>将图片文件拖到这里、用 Ctrl+V 粘贴，或浏览选择</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label} (optional)</source>
        <translation>{label}（可选）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Drop an image here, paste it (Ctrl+V) or browse</source>
        <translation>将图片拖到这里、粘贴（Ctrl+V）或浏览选择</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit mask…</source>
        <translation>编辑蒙版…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paint what to repaint: the mask travels as the image&apos;s transparency, which inpainting templates read</source>
        <translation>绘制要重绘的区域：蒙版作为图片的透明度发送，局部重绘模板会读取它</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The size of this image in pixels</source>
        <translation>此图片的尺寸（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use source size</source>
        <translation>使用源图尺寸</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the job&apos;s width and height to this image&apos;s (to a multiple of 8)</source>
        <translation>将任务的宽度和高度设为此图片的尺寸（取 8 的倍数）</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>The image {path} is no longer in the library; add it again.</source>
        <translation>图片 {path} 已不在库中，请重新添加。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>That is a folder, not an image: {name}</source>
        <translation>这是一个文件夹，不是图片：{name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That file is not an image: {name}</source>
        <translation>该文件不是图片：{name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only files on this computer can be used: {url}</source>
        <translation>只能使用本机上的文件：{url}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The clipboard holds no image or image file.</source>
        <translation>剪贴板中没有图片或图片文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose an image for {label}</source>
        <translation>为 {label} 选择图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Could not read {name}: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copying {name}…</source>
        <translation>正在复制 {name}…</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/viewer.py" line="+291"/>
        <source>Image viewer</source>
        <translation>图片查看器</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Previous (←)</source>
        <translation>上一张（←）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next (→)</source>
        <translation>下一张（→）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
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
        <translation>将这些参数载入“生成”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Put this image into an image slot of Generate</source>
        <translation>将此图片放入“生成”的图片槽</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use as source</source>
        <translation>用作源图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compare this image with another</source>
        <translation>将此图片与另一张对比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With the previous image</source>
        <translation>与上一张图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the next image</source>
        <translation>与下一张图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With an image I click in the gallery…</source>
        <translation>与我在图库中点击的图片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With its source image</source>
        <translation>与其源图片</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>This image file is missing or unreadable.</source>
        <translation>该图片文件丢失或无法读取。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Length {time}</source>
        <translation>时长 {time}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Remove from favourites</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore from the trash</source>
        <translation>从回收站恢复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Animated image</source>
        <translation>动图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{field} ({axis})</source>
        <translation>{field}（{axis} 轴）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Viewer — {name}</source>
        <translation>查看器 — {name}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/import_dialog.py" line="+83"/>
        <source>Import workflow</source>
        <translation>导入工作流</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Workflow: {name}</source>
        <translation>工作流：{name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A name for the template</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Slot</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Goes to</source>
        <translation>对应输入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These inputs of the workflow become fields of the Generate form. Double-click a slot to rename it, untick what should keep the workflow&apos;s own value.</source>
        <translation>工作流的这些输入会成为“生成”表单中的字段。双击字段可重命名；取消勾选的输入将保留工作流中的原值。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The file is still being read.</source>
        <translation>仍在读取文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the template a name.</source>
        <translation>请为模板命名。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Slot name &apos;{name}&apos; is not valid: use lower-case letters, digits and _, starting with a letter.</source>
        <translation>字段名“{name}”无效：只能使用小写字母、数字和 _，并以字母开头。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Two slots are both named &apos;{name}&apos;.</source>
        <translation>有两个字段都叫“{name}”。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saving {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Could not read or write the file: {reason}</source>
        <translation>无法读取或写入文件：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} could not be read as a ComfyUI workflow ({reason}).</source>
        <translation>无法将 {name} 读取为 ComfyUI 工作流（{reason}）。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Found %n input(s) the form can fill.</source>
        <translation>
            <numerusform>找到 %n 个可由表单填写的输入。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No inputs were recognised: the template will always run as saved.</source>
        <translation>未识别到任何输入：该模板将始终按保存时的设置运行。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>an image you add</source>
        <translation>你添加的图片</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Untick to keep the workflow&apos;s own value</source>
        <translation>取消勾选以保留工作流中的原值</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A guess: check that this input is what the name says (see below).</source>
        <translation>这是推测：请确认此输入与名称相符（见下文）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Double-click to rename</source>
        <translation>双击以重命名</translation>
    </message>
</context>
<context>
    <name>InputImages</name>
    <message>
        <location filename="../../studio_desktop/ui/history/inputs.py" line="+52"/>
        <source>{slot}: {path}
Click to open</source>
        <translation>{slot}：{path}
点击打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input image {slot}</source>
        <translation>输入图片 {slot}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{path}
The file is missing</source>
        <translation>{path}
文件不存在</translation>
    </message>
</context>
<context>
    <name>InstallPicker</name>
    <message>
        <location filename="../../studio_desktop/ui/managed/installs.py" line="+63"/>
        <source>Looking for ComfyUI on this computer…</source>
        <translation>正在本机上查找 ComfyUI…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No ComfyUI found in the usual places. Choose its folder by hand.</source>
        <translation>在常见位置未找到 ComfyUI。请手动选择它的文件夹。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>GPU (normal)</source>
        <translation>GPU（常规）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low VRAM</source>
        <translation>低显存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU only (slow)</source>
        <translation>仅 CPU（较慢）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When something else uses this port, a free one is picked instead.</source>
        <translation>如果此端口被其他程序占用，会改用一个空闲端口。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. --preview-method auto</source>
        <translation>例如 --preview-method auto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the one found beside it</source>
        <translation>使用它旁边找到的 Python</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start it when Studio Desktop starts</source>
        <translation>Studio Desktop 启动时一并启动它</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run on:</source>
        <translation>运行于：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extra arguments:</source>
        <translation>额外参数：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Python:</source>
        <translation>Python：</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>ComfyUI folder</source>
        <translation>ComfyUI 文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder with its own Python (venv)</source>
        <translation>带独立 Python（venv）的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows portable build</source>
        <translation>Windows 便携版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI Desktop app</source>
        <translation>ComfyUI 桌面版应用</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&lt;b&gt;{kind}&lt;/b&gt; · ComfyUI {version}</source>
        <translation>&lt;b&gt;{kind}&lt;/b&gt; · ComfyUI {version}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ComfyUI&apos;s code was not found</source>
        <translation>未找到 ComfyUI 的代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No Python beside it: name one below</source>
        <translation>旁边没有 Python：请在下方指定一个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use this one</source>
        <translation>使用这个</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose the ComfyUI folder</source>
        <translation>选择 ComfyUI 文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking {folder}…</source>
        <translation>正在检查 {folder}…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{folder} is not a ComfyUI folder: it has no main.py with a comfy folder beside it, and it is not a portable build or the ComfyUI Desktop app&apos;s folder.</source>
        <translation>{folder} 不是 ComfyUI 文件夹：其中没有 main.py 及旁边的 comfy 文件夹，也不是便携版或 ComfyUI 桌面版应用的文件夹。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Found ComfyUI in {folder}</source>
        <translation>在 {folder} 中找到了 ComfyUI</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>ComfyUI is already running: stop it first (status bar).</source>
        <translation>ComfyUI 已在运行：请先停止它（状态栏）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The choice could not be saved: {error}</source>
        <translation>无法保存此选择：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Starting ComfyUI… loading</source>
        <translation>正在启动 ComfyUI… 加载中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ComfyUI is stopped.</source>
        <translation>ComfyUI 已停止。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI is running at {url}</source>
        <translation>ComfyUI 正在 {url} 运行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ComfyUI did not start: {reason}</source>
        <translation>ComfyUI 未能启动：{reason}</translation>
    </message>
</context>
<context>
    <name>JobDetails</name>
    <message>
        <location filename="../../studio_desktop/ui/history/details.py" line="+234"/>
        <source>No job selected</source>
        <translation>未选择任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a job to see its parameters, outputs and errors.</source>
        <translation>选择一个任务，查看它的参数、输出和错误。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What went wrong</source>
        <translation>出了什么问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy error</source>
        <translation>复制错误信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the error message and the server&apos;s details as text</source>
        <translation>以文本形式复制错误消息和服务器的详细信息</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Input images</source>
        <translation>输入图片</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Remix</source>
        <translation>重混</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load these parameters into Generate</source>
        <translation>将这些参数载入“生成”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue this failed or cancelled job again</source>
        <translation>将这个失败或已取消的任务重新加入队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Remove this job from History (Undo is offered)</source>
        <translation>从历史记录中移除此任务（可撤销）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the job in the queue before deleting it</source>
        <translation>删除前请先在队列中取消该任务</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No outputs were recorded (or all of them are in the trash).</source>
        <translation>没有记录到输出（或者全部都在回收站中）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outputs appear here when the job finishes.</source>
        <translation>任务完成后，输出会显示在这里。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This job made no outputs.</source>
        <translation>此任务没有产生输出。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sweep cell</source>
        <translation>扫描格子</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>Workflow</source>
        <translation>工作流</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save or copy this job&apos;s workflow: the UI format opens in ComfyUI, the API format is the exact graph sent to the server</source>
        <translation>保存或复制此任务的工作流：UI 格式可在 ComfyUI 中打开，API 格式是发送给服务器的确切节点图</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduler</source>
        <translation>调度器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
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
        <translation>服务器</translation>
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
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Job {id}</source>
        <translation>任务 {id}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Node {node} · {class_type}</source>
        <translation>节点 {node} · {class_type}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Node {node}</source>
        <translation>节点 {node}</translation>
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
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
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
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
</context>
<context>
    <name>JobTiming</name>
    <message>
        <location filename="../../studio_desktop/ui/history/timing.py" line="+19"/>
        <source>Queued {time}</source>
        <translation>排队 {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sampling {time}</source>
        <translation>采样 {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Total {time}</source>
        <translation>总计 {time}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{time} total</source>
        <translation>共 {time}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Attempt {n}</source>
        <translation>第 {n} 次尝试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no server</source>
        <translation>无服务器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>completed on {server} in {time}</source>
        <translation>在 {server} 上完成，用时 {time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>failed on {server}: {error}</source>
        <translation>在 {server} 上失败：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cancelled on {server}</source>
        <translation>在 {server} 上已取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>given back to the queue from {server}</source>
        <translation>已从 {server} 退回队列</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>retrying on {server}: {error}</source>
        <translation>在 {server} 上重试：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>running on {server}</source>
        <translation>正在 {server} 上运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>queued {time}</source>
        <translation>排队 {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sampling {time}</source>
        <translation>采样 {time}</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/managed/log_panel.py" line="+60"/>
        <source>ComfyUI&apos;s output appears here once Studio Desktop starts it.</source>
        <translation>Studio Desktop 启动 ComfyUI 后，它的输出会显示在这里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find in the log</source>
        <translation>在日志中查找</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the selected lines</source>
        <translation>复制选中的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy all</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open log file</source>
        <translation>打开日志文件</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>ComfyUI did not start: {reason}</source>
        <translation>ComfyUI 未能启动：{reason}</translation>
    </message>
    <message numerus="yes">
        <location line="+99"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoraRow</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/lora_stack.py" line="+50"/>
        <source>Apply this LoRA (unticked: kept in the list, unused)</source>
        <translation>应用此 LoRA（不勾选：保留在列表中但不使用）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How strongly the LoRA changes the model</source>
        <translation>LoRA 对模型的影响强度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How strongly the LoRA changes the text encoder (CLIP)</source>
        <translation>LoRA 对文本编码器（CLIP）的影响强度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply earlier</source>
        <translation>提前应用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply later</source>
        <translation>延后应用</translation>
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
        <translation>将“{word}”插入提示词</translation>
    </message>
</context>
<context>
    <name>LoraStack</name>
    <message>
        <location line="+35"/>
        <source>Search the server&apos;s LoRAs…</source>
        <translation>搜索服务器上的 LoRA…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the LoRA named in the search box</source>
        <translation>添加搜索框中的 LoRA</translation>
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
        <translation>生成</translation>
    </message>
    <message>
        <location line="-264"/>
        <location line="+264"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location line="-263"/>
        <location line="+263"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="-259"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ComfyUI log</source>
        <translation>ComfyUI 日志</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>&amp;Undo: {what}</source>
        <translation>撤销(&amp;U)：{what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+150"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>That job no longer exists.</source>
        <translation>该任务已不存在。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters loaded into Generate</source>
        <translation>参数已载入“生成”</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A sweep has ended: its grid is open, and kept in the gallery.</source>
        <translation>参数扫描已结束：网格已打开，并保存在图库中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A sweep has ended with no picture to put in a grid.</source>
        <translation>参数扫描已结束，但没有可放入网格的图片。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The template “{name}” takes no source image; choose one that does: {list}</source>
        <translation>模板“{name}”不接受源图片；请选择接受源图片的模板：{list}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No template takes a source image; import an image-to-image workflow (File ▸ Import workflow).</source>
        <translation>没有模板接受源图片；请导入一个图生图工作流（文件 ▸ 导入工作流）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Using {file} as “{slot}”</source>
        <translation>正在将 {file} 用作“{slot}”</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import workflow…</source>
        <translation>导入工作流…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue job</source>
        <translation>加入队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel current job</source>
        <translation>取消当前任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel all jobs…</source>
        <translation>取消所有任务…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Image</source>
        <translation>图片(&amp;I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next image</source>
        <translation>下一张图片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Previous image</source>
        <translation>上一张图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open viewer</source>
        <translation>打开查看器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Toggle favourite</source>
        <translation>收藏/取消收藏</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts…</source>
        <translation>键盘快捷键…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+128"/>
        <source>About Studio Desktop</source>
        <translation>关于 Studio Desktop</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Import a ComfyUI workflow</source>
        <translation>导入 ComfyUI 工作流</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ComfyUI workflows (*.json *.png *.webp *.webm *.mp4);;All files (*)</source>
        <translation>ComfyUI 工作流 (*.json *.png *.webp *.webm *.mp4);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Template saved; it is selected in Generate.</source>
        <translation>模板已保存，并已在“生成”中选中。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Cancel all jobs</source>
        <translation>取消所有任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel every waiting and running job?</source>
        <translation>要取消所有等待中和运行中的任务吗？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Studio Desktop {version}
Make images with ComfyUI on your own GPU.

Data folder: {folder}</source>
        <translation>Studio Desktop {version}
用你自己 GPU 上的 ComfyUI 生成图片。

数据文件夹：{folder}</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Jobs are still in the queue</source>
        <translation>队列中还有任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <source>{running} running and {waiting} waiting jobs.</source>
        <translation>{running} 个任务运行中，{waiting} 个任务等待中。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Finish them before quitting, keep them queued for the next start, or cancel them?</source>
        <translation>要等它们完成后再退出、保留到下次启动时继续，还是取消它们？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finish, then quit</source>
        <translation>完成后退出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep queued</source>
        <translation>保留在队列中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel jobs</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ComfyUI is running jobs</source>
        <translation>ComfyUI 正在运行任务</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Studio Desktop started this ComfyUI and stops it when you quit. The jobs stay queued for the next start.</source>
        <translation>这个 ComfyUI 由 Studio Desktop 启动，退出时会将它停止。任务会保留在队列中，下次启动时继续。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quit and stop server</source>
        <translation>退出并停止服务器</translation>
    </message>
</context>
<context>
    <name>ManagedBadge</name>
    <message>
        <location filename="../../studio_desktop/ui/managed/badge.py" line="+43"/>
        <source>Start ComfyUI</source>
        <translation>启动 ComfyUI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop ComfyUI</source>
        <translation>停止 ComfyUI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restart ComfyUI</source>
        <translation>重启 ComfyUI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show log</source>
        <translation>显示日志</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ComfyUI (this computer): stopped</source>
        <translation>ComfyUI（本机）：已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): starting…</source>
        <translation>ComfyUI（本机）：正在启动…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): running</source>
        <translation>ComfyUI（本机）：运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): restarting…</source>
        <translation>ComfyUI（本机）：正在重启…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ComfyUI (this computer): failed</source>
        <translation>ComfyUI（本机）：失败</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>ComfyUI is running again.</source>
        <translation>ComfyUI 已重新运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ComfyUI stopped unexpectedly; Studio Desktop restarts it in {seconds} s.</source>
        <translation>ComfyUI 意外停止；Studio Desktop 将在 {seconds} 秒后重启它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ComfyUI stopped unexpectedly too often; it was not restarted.</source>
        <translation>ComfyUI 意外停止的次数过多；未再重启。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ComfyUI did not start.</source>
        <translation>ComfyUI 未能启动。</translation>
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
        <translation>编辑蒙版：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit mask</source>
        <translation>编辑蒙版</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paint what to repaint (B)</source>
        <translation>涂抹要重绘的区域（B）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase the mask (E)</source>
        <translation>擦除蒙版（E）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Brush size in pixels of the picture ([ and ])</source>
        <translation>画笔大小，以图片像素计（[ 和 ]）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hardness: 100% paints a sharp edge</source>
        <translation>硬度：100% 画出锐利的边缘</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invert</source>
        <translation>反转</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill</source>
        <translation>填满</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaint what is kept and keep what is repainted</source>
        <translation>重绘原本保留的部分，保留原本重绘的部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the whole mask</source>
        <translation>清除整个蒙版</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mask the whole picture</source>
        <translation>蒙版覆盖整张图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the picture to the window</source>
        <translation>让图片适应窗口大小</translation>
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
        <translation>白色标记要重绘的区域，以着色显示。滚轮：缩放；中键或空格 + 拖动：平移。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading the picture…</source>
        <translation>正在加载图片…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} 像素</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not open the picture: {reason}</source>
        <translation>无法打开图片：{reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not save the mask: {reason}</source>
        <translation>无法保存蒙版：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saving the mask…</source>
        <translation>正在保存蒙版…</translation>
    </message>
</context>
<context>
    <name>MediaPlayer</name>
    <message>
        <location filename="../../studio_desktop/ui/media_player.py" line="+104"/>
        <location line="+178"/>
        <source>Play (Space)</source>
        <translation>播放（空格）</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play again from the start when it ends</source>
        <translation>播放结束后从头重新播放</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Playback is not available: Qt&apos;s multimedia module is not installed.</source>
        <translation>无法播放：未安装 Qt 的多媒体模块。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Playback is not available: Qt found no multimedia backend on this system.</source>
        <translation>无法播放：Qt 在此系统上找不到多媒体后端。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The file {0} is missing.</source>
        <translation>文件 {0} 不存在。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} cannot be played: {1}</source>
        <translation>无法播放 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>ModelRow</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/needs_panel.py" line="+31"/>
        <source>Missing model &lt;b&gt;{name}&lt;/b&gt;, for ComfyUI&apos;s {folder} folder</source>
        <translation>缺少模型 &lt;b&gt;{name}&lt;/b&gt;（放在 ComfyUI 的 {folder} 文件夹）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Into {folder}</source>
        <translation>保存到 {folder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+40"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Download it from:</source>
        <translation>下载地址：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>and put it in this folder of the ComfyUI install:</source>
        <translation>并放到 ComfyUI 安装目录下的这个文件夹：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put it in this folder of the ComfyUI install:</source>
        <translation>放到 ComfyUI 安装目录下的这个文件夹：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Downloaded; reading the server&apos;s lists again.</source>
        <translation>已下载；正在重新读取服务器的列表。</translation>
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
        <translation>已取消。如果服务器支持，重试会从中断处继续。</translation>
    </message>
</context>
<context>
    <name>OneWindow</name>
    <message>
        <location filename="../../studio_desktop/ui/one_window.py" line="+192"/>
        <source>Studio Desktop is already open with this data folder, but it has not answered for {seconds} seconds. Close it, or end it in the Task Manager (Activity Monitor on macOS), then start Studio Desktop again.

Data folder: {folder}</source>
        <translation>Studio Desktop 已用这个数据文件夹打开，但 {seconds} 秒内没有响应。请关闭它，或在任务管理器（macOS 上为“活动监视器”）中结束它，然后重新启动 Studio Desktop。

数据文件夹：{folder}</translation>
    </message>
</context>
<context>
    <name>OutputFolderRow</name>
    <message>
        <location filename="../../studio_desktop/ui/output_folder.py" line="+42"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use default</source>
        <translation>使用默认</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>“{folder}” is not a full path. Use Choose… to pick a folder.</source>
        <translation>“{folder}”不是完整路径。请用“选择…”挑选一个文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{folder} is inside the data folder. Choose a folder outside it, or use the default.</source>
        <translation>{folder} 位于数据文件夹内。请选择数据文件夹之外的文件夹，或使用默认文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Studio Desktop cannot save images in {folder}: {error}
Choose another folder.</source>
        <translation>Studio Desktop 无法在 {folder} 中保存图片：{error}
请选择其他文件夹。</translation>
    </message>
</context>
<context>
    <name>PackRow</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/needs_panel.py" line="-186"/>
        <source>Missing custom node pack &lt;b&gt;{pack}&lt;/b&gt; (nodes: {nodes})</source>
        <translation>缺少自定义节点包 &lt;b&gt;{pack}&lt;/b&gt;（节点：{nodes}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Install it with one of these, in ComfyUI&apos;s folder with its Python, then restart ComfyUI:</source>
        <translation>在 ComfyUI 的文件夹中用它的 Python 运行以下任一命令安装，然后重启 ComfyUI：</translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/compare.py" line="-231"/>
        <source>Parameter</source>
        <translation>参数</translation>
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
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduler</source>
        <translation>调度器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
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
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(not recorded)</source>
        <translation>（未记录）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The two images differ here</source>
        <translation>两张图片在此处不同</translation>
    </message>
</context>
<context>
    <name>ParametersText</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/parameters_text.py" line="+21"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CFG</source>
        <translation>CFG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduler</source>
        <translation>调度器</translation>
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
        <translation>收起</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n more problem(s): show all</source>
        <translation>
            <numerusform>还有 %n 个问题：全部显示</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show the field</source>
        <translation>转到该字段</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/progress.py" line="+161"/>
        <source>The live preview of a running job appears here, then its result.</source>
        <translation>运行中任务的实时预览会显示在这里，完成后显示结果。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel the current job (Esc)</source>
        <translation>取消当前任务（Esc）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No job running</source>
        <translation>没有正在运行的任务</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Starting on {server}…</source>
        <translation>正在 {server} 上启动…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Step {value}/{max}</source>
        <translation>第 {value}/{max} 步</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Could not show the result: {reason}</source>
        <translation>无法显示结果：{reason}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Retrying in {delay:.0f} s: {reason}</source>
        <translation>{delay:.0f} 秒后重试：{reason}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Lost the server at step {step} — waiting for it to come back</source>
        <translation>在第 {step} 步与服务器断开连接 — 正在等待其恢复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lost the server before the first step — waiting for it to come back</source>
        <translation>在第一步之前与服务器断开连接 — 正在等待其恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for a server to take the job again</source>
        <translation>正在等待服务器重新接手此任务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server: {server}</source>
        <translation>服务器：{server}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped after {time}</source>
        <translation>运行 {time} 后停止</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The job is back in the queue</source>
        <translation>任务已回到队列中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the waiting job out of the queue (Esc)</source>
        <translation>将等待中的任务移出队列（Esc）</translation>
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
        <translation>任务已取消。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This job failed: {reason}</source>
        <translation>此任务失败：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Took {time}</source>
        <translation>耗时 {time}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Elapsed {time}</source>
        <translation>已用 {time}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ETA {time}</source>
        <translation>预计剩余 {time}</translation>
    </message>
</context>
<context>
    <name>PromptExpansion</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/prompt_expansion.py" line="+62"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+133"/>
        <source>Show the first prompts the text expands to</source>
        <translation>显示该文本展开后的前几条提示词</translation>
    </message>
    <message>
        <location line="-131"/>
        <source>Every combination</source>
        <translation>所有组合</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queue one job per combination of the prompt&apos;s {a|b} choices (each batch-count times) instead of one random pick per job</source>
        <translation>为提示词中 {a|b} 选项的每种组合各排队一个任务（每种组合按批次数量重复），而不是每个任务随机选一种</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wildcards…</source>
        <translation>通配符…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the wildcards folder: __name__ in a prompt picks a line of name.txt</source>
        <translation>打开通配符文件夹：提示词中的 __name__ 会从 name.txt 中选取一行</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{a|b} and __wildcards__ vary the prompt</source>
        <translation>{a|b} 和 __通配符__ 可以让提示词变化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The prompt cannot be expanded:</source>
        <translation>无法展开该提示词：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counting prompts…</source>
        <translation>正在计算提示词数量…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than {n} prompts</source>
        <translation>超过 {n} 条提示词</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n 条提示词</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/delegate.py" line="+94"/>
        <source>seed {seed}</source>
        <translation>种子 {seed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{place}/{size}</source>
        <translation>{place}/{size}</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Waiting · #{n} · no server can run it: {reason}</source>
        <translation>等待中 · 第 {n} 位 · 没有服务器能运行它：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any server</source>
        <translation>任意服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting · #{n} · {where}</source>
        <translation>等待中 · 第 {n} 位 · {where}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retrying on {server} · {reason}</source>
        <translation>正在 {server} 上重试 · {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: {message}</source>
        <translation>失败：{message}</translation>
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
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{template} · {model} · seed {seed}</source>
        <translation>{template} · {model} · 种子 {seed}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No server can run it now: {reason}</source>
        <translation>目前没有服务器能运行它：{reason}</translation>
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
        <translation>取消所有等待中和运行中的任务</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Queue is empty</source>
        <translation>队列为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs you queue on the Generate tab wait here.</source>
        <translation>在“生成”标签页加入的任务会在这里等待。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>To front</source>
        <translation>移到最前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected waiting jobs next</source>
        <translation>接下来运行所选的等待中任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+396"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-395"/>
        <source>Queue the selected failed or cancelled jobs again</source>
        <translation>将选中的失败或已取消任务重新加入队列</translation>
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
        <translation>取消所选任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear failed</source>
        <translation>清除失败项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove failed jobs from this list (History keeps them)</source>
        <translation>从此列表中移除失败的任务（历史记录中仍会保留）</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Could not read the queued jobs: {reason}</source>
        <translation>无法读取队列中的任务：{reason}</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n sampling</source>
        <translation>
            <numerusform>%n 个采样中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n waiting on server</source>
        <translation>
            <numerusform>%n 个在服务器上等待</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the servers take new jobs again</source>
        <translation>让服务器重新接收新任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take no new job (what runs finishes); the menu pauses one server</source>
        <translation>不再接收新任务（正在运行的会完成）；菜单可暂停单个服务器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pause {server}</source>
        <translation>暂停 {server}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No server is connected</source>
        <translation>没有已连接的服务器</translation>
    </message>
    <message numerus="yes">
        <location line="+105"/>
        <source>Cancelling %n job(s)</source>
        <translation>
            <numerusform>正在取消 %n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel all jobs</source>
        <translation>取消所有任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel {waiting} waiting and {running} running jobs?</source>
        <translation>要取消 {waiting} 个等待中和 {running} 个运行中的任务吗？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling every job</source>
        <translation>正在取消所有任务</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Queued %n job(s) again</source>
        <translation>
            <numerusform>已将 %n 个任务重新加入队列</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Move to front</source>
        <translation>移到最前</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any server</source>
        <translation>任意服务器</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
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
        <translation>正在 {server} 上采样</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending to {server}…</source>
        <translation>正在发送到 {server}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting on server · {server} (in its queue)</source>
        <translation>在服务器上等待 · {server}（位于其队列中）</translation>
    </message>
</context>
<context>
    <name>ResultStrip</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/result_strip.py" line="+266"/>
        <source>This batch: %n image(s)</source>
        <translation>
            <numerusform>本批次：%n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Added to favourites</source>
        <translation>已加入收藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed from favourites</source>
        <translation>已取消收藏</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No application could open {path}</source>
        <translation>没有应用程序能打开 {path}</translation>
    </message>
</context>
<context>
    <name>ResultThumb</name>
    <message>
        <location line="-218"/>
        <source>Show it large</source>
        <translation>放大查看</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open in the system&apos;s image viewer</source>
        <translation>在系统图片查看器中打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+51"/>
        <source>Use as an input image of the form</source>
        <translation>用作表单的输入图片</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Edit mask…: repaint part of this image (Inpaint)</source>
        <translation>编辑蒙版…：重绘这张图片的一部分（局部重绘）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Remove from favourites</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add to favourites</source>
        <translation>加入收藏</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only an image can go into an image slot</source>
        <translation>只有图片才能放入图片字段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The current template has no image slot</source>
        <translation>当前模板没有图片字段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send to {slot}</source>
        <translation>发送到 {slot}</translation>
    </message>
</context>
<context>
    <name>SeedField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/fields.py" line="+395"/>
        <source>Seed, 0 to 4294967295. Typing one locks it.</source>
        <translation>种子，范围 0 到 4294967295。手动输入后即锁定。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked: use this seed; a batch of N jobs gets this seed and the next N-1.
Unlocked: a new random seed for every job.</source>
        <translation>锁定：使用此种子；一批 N 个任务依次使用此种子及其后的 N-1 个种子。
未锁定：每个任务使用新的随机种子。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New</source>
        <translation>随机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a new random seed</source>
        <translation>生成新的随机种子</translation>
    </message>
</context>
<context>
    <name>SendTo</name>
    <message>
        <location filename="../../studio_desktop/ui/send_to.py" line="+32"/>
        <location line="+18"/>
        <source>Use as source image</source>
        <translation>用作源图片</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Drag</source>
        <translation>拖动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag this file into an image slot of Generate, or out to a folder</source>
        <translation>将此文件拖入“生成”的图片槽，或拖出到文件夹</translation>
    </message>
</context>
<context>
    <name>ServerEditDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/server_edit.py" line="+48"/>
        <source>Edit server</source>
        <translation>编辑服务器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Desktop GPU</source>
        <translation>例如 台式机 GPU</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optional, e.g. Bearer &lt;token&gt;</source>
        <translation>可选，例如 Bearer &lt;token&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the header</source>
        <translation>显示标头内容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sent as the Authorization header, for servers behind a login or a proxy.</source>
        <translation>作为 Authorization 请求头发送，用于需要登录或位于代理之后的服务器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorization:</source>
        <translation>认证信息：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Connecting to {url}…</source>
        <translation>正在连接 {url}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{url} is already in the list.</source>
        <translation>{url} 已在列表中。</translation>
    </message>
</context>
<context>
    <name>ServerTableModel</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/server_model.py" line="+63"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Send jobs to this server</source>
        <translation>向此服务器发送任务</translation>
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
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not reachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/servers_page.py" line="+95"/>
        <source>No servers added yet. Studio Desktop uses ComfyUI on this computer ({url}).
Add a server to use another address or another machine.</source>
        <translation>尚未添加服务器。Studio Desktop 将使用本机上的 ComfyUI（{url}）。
添加服务器即可使用其他地址或其他电脑。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the selected server answers</source>
        <translation>检查所选服务器是否响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected server&apos;s ComfyUI page</source>
        <translation>打开所选服务器的 ComfyUI 页面</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ComfyUI on this computer</source>
        <translation>本机上的 ComfyUI</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Studio Desktop can start one of these for you, now and at each start, and stop it when you quit. Use this one applies at once.</source>
        <translation>Studio Desktop 可以为你启动其中一个（现在以及每次启动时），并在退出时停止它。“使用这个”会立即生效。</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>Added {name}</source>
        <translation>已添加 {name}</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>No browser could open {url}</source>
        <translation>没有浏览器能打开 {url}</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Remove server</source>
        <translation>移除服务器</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Studio Desktop sends jobs to these ComfyUI servers. Changes are saved when you press OK or Apply; Cancel discards them.</source>
        <translation>Studio Desktop 会将任务发送到这些 ComfyUI 服务器。按“确定”或“应用”时保存更改；按“取消”则放弃更改。</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>Remove {name} ({url})?
Jobs waiting in the queue stay there and run on the other servers.</source>
        <translation>要移除 {name}（{url}）吗？
队列中等待的任务会保留，并在其他服务器上运行。</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>That address is already in the list.</source>
        <translation>该地址已在列表中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to {url}…</source>
        <translation>正在连接 {url}…</translation>
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
        <translation>1 个 Checkpoint 模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} checkpoints</source>
        <translation>{n} 个 Checkpoint 模型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected: {details}</source>
        <translation>已连接：{details}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Test failed: {error}</source>
        <translation>测试失败：{error}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/settings/dialog.py" line="+48"/>
        <source>Servers and Settings</source>
        <translation>服务器与设置</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings could not be saved: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../studio_desktop/ui/shortcut_sheet.py" line="+68"/>
        <source>Next image</source>
        <translation>下一张图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous image</source>
        <translation>上一张图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to the window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual size (100 %)</source>
        <translation>实际大小（100%）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in, zoom out</source>
        <translation>放大、缩小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, or the mouse wheel</source>
        <translation>，或鼠标滚轮</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Favourite or not</source>
        <translation>收藏/取消收藏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image viewer</source>
        <translation>图片查看器</translation>
    </message>
</context>
<context>
    <name>SizeField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/fields.py" line="-158"/>
        <source>Width in pixels (a multiple of 8)</source>
        <translation>宽度，单位像素（8 的倍数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height in pixels (a multiple of 8)</source>
        <translation>高度，单位像素（8 的倍数）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Swap</source>
        <translation>交换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swap width and height</source>
        <translation>交换宽度和高度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock ratio</source>
        <translation>锁定比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the aspect ratio when width or height changes</source>
        <translation>修改宽度或高度时保持宽高比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Common sizes for SD 1.5 and SDXL models</source>
        <translation>SD 1.5 和 SDXL 模型的常用尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom size</source>
        <translation>自定义尺寸</translation>
    </message>
</context>
<context>
    <name>SlotEditor</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/slot_editor.py" line="+132"/>
        <source>The server lists no choices</source>
        <translation>服务器没有列出可选项</translation>
    </message>
</context>
<context>
    <name>StudioApp</name>
    <message>
        <location filename="../../studio_desktop/app.py" line="+112"/>
        <source>The output folder {folder} cannot be used; new images are saved in {default}.</source>
        <translation>无法使用输出文件夹 {folder}；新图片保存在 {default}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something could not be used at start, defaults are used instead (the log has details): {problem}</source>
        <translation>启动时有内容无法使用，已改用默认值（详情见日志）：{problem}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Finishing the queue before quitting…</source>
        <translation>正在完成队列中的任务，然后退出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit now (keep them queued)</source>
        <translation>立即退出（保留队列）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Studio Desktop</source>
        <translation>Studio Desktop</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Finishing {n} jobs before quitting…</source>
        <translation>正在完成 {n} 个任务，然后退出…</translation>
    </message>
</context>
<context>
    <name>StudioStatusBar</name>
    <message>
        <location filename="../../studio_desktop/ui/status_bar.py" line="+85"/>
        <source>No server — start ComfyUI or add one in Settings</source>
        <translation>没有服务器 — 请启动 ComfyUI，或在“设置”中添加</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message numerus="yes">
        <location line="+103"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n sampling</source>
        <translation>
            <numerusform>%n 个采样中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting on server</source>
        <translation>
            <numerusform>%n 个在服务器上等待</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue: {counts}</source>
        <translation>队列：{counts}</translation>
    </message>
</context>
<context>
    <name>SweepGridView</name>
    <message>
        <location filename="../../studio_desktop/ui/sweep_grid.py" line="+140"/>
        <source>Sweep grid</source>
        <translation>扫描网格</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open grid image</source>
        <translation>打开网格图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The labelled grid picture kept in the gallery</source>
        <translation>保存在图库中的带标注网格图片</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This sweep no longer exists.</source>
        <translation>此参数扫描已不存在。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sweep grid: {label}</source>
        <translation>扫描网格：{label}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{axes} · {done} of {total} cells pictured</source>
        <translation>{axes} · {total} 个格子中 {done} 个已出图</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/sweep_notes.py" line="+21"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/sweep_grid.py" line="+9"/>
        <source>seed {seed}</source>
        <translation>种子 {seed}</translation>
    </message>
</context>
<context>
    <name>SweepGroup</name>
    <message numerus="yes">
        <location filename="../../studio_desktop/ui/generate/sweep_form.py" line="-3"/>
        <source>{sizes} = %n job(s)</source>
        <translation>
            <numerusform>{sizes} = %n 个任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tag_editor.py" line="+18"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tags of this image.</source>
        <translation>此图片的标签。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Tags of %n images: a tag added is added to each; a tag removed is taken off every one.</source>
        <translation>
            <numerusform>%n 张图片的标签：添加的标签会加到每张图片上；移除的标签会从每张图片上移除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No tags yet.</source>
        <translation>还没有标签。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add a tag and press Enter (commas separate tags)</source>
        <translation>输入标签后按 Enter（用逗号分隔多个标签）</translation>
    </message>
</context>
<context>
    <name>TemplateGroup</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/template_groups.py" line="+49"/>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upscale</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
</context>
<context>
    <name>TrashBanner</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/trash_banner.py" line="+22"/>
        <source>Restore selected</source>
        <translation>恢复所选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty trash</source>
        <translation>清空回收站</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You are looking at the trash — items here are deleted for good at the next clean-up.</source>
        <translation>你正在查看回收站 — 这里的项目会在下次清理时被永久删除。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>You are looking at the trash — items here are deleted for good after %n day(s).</source>
        <translation>
            <numerusform>你正在查看回收站 — 这里的项目会在 %n 天后被永久删除。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowActions</name>
    <message>
        <location filename="../../studio_desktop/ui/workflow_actions.py" line="+71"/>
        <source>Export workflow</source>
        <translation>导出工作流</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UI format (opens in ComfyUI)…</source>
        <translation>UI 格式（可在 ComfyUI 中打开）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API format…</source>
        <translation>API 格式…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste it into ComfyUI (Ctrl+V) to open the graph</source>
        <translation>粘贴到 ComfyUI 中（Ctrl+V）即可打开节点图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy workflow</source>
        <translation>复制工作流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy API workflow</source>
        <translation>复制 API 工作流</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Export workflow (UI format)</source>
        <translation>导出工作流（UI 格式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export workflow (API format)</source>
        <translation>导出工作流（API 格式）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Workflow JSON (*.json)</source>
        <translation>工作流 JSON (*.json)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Workflow saved to {path}</source>
        <translation>工作流已保存到 {path}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Workflow copied: paste it into ComfyUI</source>
        <translation>工作流已复制：可粘贴到 ComfyUI 中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API workflow copied</source>
        <translation>API 工作流已复制</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not save the workflow: {error}</source>
        <translation>无法保存工作流：{error}</translation>
    </message>
</context>
<context>
    <name>_ServerBadge</name>
    <message>
        <location filename="../../studio_desktop/ui/status_bar.py" line="-154"/>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down</source>
        <translation>离线</translation>
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
        <translation>{url} 没有响应：{reason}
请启动 ComfyUI（python main.py），或在“设置”中添加或修正服务器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
</context>
<context>
    <name>_Thumbnails</name>
    <message>
        <location filename="../../studio_desktop/ui/history/details.py" line="-409"/>
        <source>Right-click to use it as a source image or compare it; drag it out</source>
        <translation>右键单击可将其用作源图片或进行对比；也可将其拖出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output {index}</source>
        <translation>输出 {index}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
</context>
</TS>
