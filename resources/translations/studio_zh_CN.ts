<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <message>
        <location line="+20"/>
        <source>1 more error happened since; it has its own crash log in that folder.</source>
        <translation>此后又发生了 1 个错误，它的崩溃日志也在该文件夹中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} more errors happened since; each has its own crash log in that folder.</source>
        <translation>此后又发生了 {n} 个错误，每个错误的崩溃日志都在该文件夹中。</translation>
    </message>
    <message>
        <location line="+11"/>
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
    <name>FilterBar</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/filter_bar.py" line="+66"/>
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
        <location line="+6"/>
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
        <location line="+27"/>
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
        <location filename="../../studio_desktop/ui/first_run.py" line="+63"/>
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
        <location line="+165"/>
        <source>It usually listens on &lt;b&gt;{url}&lt;/b&gt;. When it is up, click Check again.</source>
        <translation>它通常监听 &lt;b&gt;{url}&lt;/b&gt;。启动完成后，点击“重新检查”。</translation>
    </message>
    <message>
        <location line="-160"/>
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
        <location line="+58"/>
        <source>Looking for ComfyUI at {url}…</source>
        <translation>正在 {url} 查找 ComfyUI…</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location filename="../../studio_desktop/ui/gallery/model.py" line="+546"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/gallery/tab.py" line="+128"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location line="+100"/>
        <source>Moved %n image(s) to the trash</source>
        <translation>
            <numerusform>已将 %n 张图片移到回收站</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <location line="+250"/>
        <source>Restored %n image(s)</source>
        <translation>
            <numerusform>已恢复 %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-232"/>
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
        <location line="+50"/>
        <source>Exporting %n image(s)…</source>
        <translation>
            <numerusform>正在导出 %n 张图片…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+96"/>
        <source>No images match these filters.</source>
        <translation>没有符合这些筛选条件的图片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No images yet — queue a job on the Generate tab and its results appear here.</source>
        <translation>还没有图片 — 在“生成”标签页加入一个任务，结果就会显示在这里。</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
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
        <location line="+69"/>
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
        <location line="+1"/>
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
        <location line="+4"/>
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
        <location line="+2"/>
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
        <location line="+2"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+16"/>
        <source>Tags, separated by commas:</source>
        <translation>标签，用逗号分隔：</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Tags to add to %n image(s), separated by commas:</source>
        <translation>
            <numerusform>要添加到 %n 张图片的标签，用逗号分隔：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+21"/>
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
    <name>GeneralPage</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/general_page.py" line="+53"/>
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
        <source>Follow system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Studio Desktop uses the new language the next time it starts.</source>
        <translation>Studio Desktop 下次启动时将使用新的语言。</translation>
    </message>
    <message>
        <location line="+5"/>
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
    <message>
        <location line="+0"/>
        <source>Light or dark, following the system</source>
        <translation>浅色或深色，跟随系统</translation>
    </message>
</context>
<context>
    <name>GenerateForm</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+105"/>
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
        <location line="+4"/>
        <source>How many jobs to queue, each with its own seed</source>
        <translation>要加入队列的任务数，每个任务使用各自的种子</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduler</source>
        <translation>调度器</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Template settings</source>
        <translation>模板设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+32"/>
        <source> job</source>
        <translation> 个任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> jobs</source>
        <translation> 个任务</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/template_editors.py" line="+103"/>
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
        <source>Swap model</source>
        <translation>换脸模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Face restore model</source>
        <translation>面部修复模型</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location filename="../../studio_desktop/ui/generate/form.py" line="+209"/>
        <location line="+8"/>
        <source>No template is installed.</source>
        <translation>没有安装任何模板。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/reference_images.py" line="+99"/>
        <source>The image for {label} is still being copied.</source>
        <translation>{label} 的图片仍在复制中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add an image for {label}.</source>
        <translation>请为 {label} 添加一张图片。</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/generate/form.py" line="+63"/>
        <source>The template {name} is not installed; kept {current}.</source>
        <translation>未安装模板 {name}，保留 {current}。</translation>
    </message>
</context>
<context>
    <name>GenerateTab</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/tab.py" line="+103"/>
        <location line="+285"/>
        <source>Queue</source>
        <translation>加入队列</translation>
    </message>
    <message>
        <location line="-211"/>
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
        <location line="+15"/>
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
        <location line="+58"/>
        <source>No server added. Start ComfyUI and add it under Servers (it usually listens on {url}). Queued jobs wait until then.</source>
        <translation>尚未添加服务器。请启动 ComfyUI，并在“服务器”中添加（它通常监听 {url}）。在此之前，队列中的任务会一直等待。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not connected to {servers}. Start ComfyUI there or check the address under Servers; queued jobs wait. The lists show the last known names.</source>
        <translation>未连接到 {servers}。请在那里启动 ComfyUI，或在“服务器”中检查地址；队列中的任务会等待。列表显示的是上次已知的名称。</translation>
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
        <location line="+4"/>
        <source>Lists from {server}.</source>
        <translation>列表来自 {server}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Queue {n} jobs</source>
        <translation>加入队列（{n} 个任务）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot queue:</source>
        <translation>无法加入队列：</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n more problem(s) are marked in red at their fields.</source>
        <translation>
            <numerusform>另有 %n 个问题已在对应字段中标红。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the fields marked in red to queue.</source>
        <translation>请修正标红的字段后再加入队列。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Queue the job (Ctrl+Enter)</source>
        <translation>将任务加入队列（Ctrl+Enter）</translation>
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
        <location filename="../../studio_desktop/ui/history/model.py" line="+219"/>
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
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+15"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Negative: {negative}</source>
        <translation>反向：{negative}</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../studio_desktop/ui/history/tab.py" line="+191"/>
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
        <source>Prompt copied</source>
        <translation>已复制提示词</translation>
    </message>
    <message>
        <location line="+40"/>
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
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ImageSlotWidget</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/image_slot.py" line="+146"/>
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
        <location line="+67"/>
        <source>The image {path} is no longer in the library; add it again.</source>
        <translation>图片 {path} 已不在库中，请重新添加。</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+31"/>
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
        <location filename="../../studio_desktop/ui/gallery/viewer.py" line="+252"/>
        <source>Image viewer</source>
        <translation>图片查看器</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+133"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>This image file is missing or unreadable.</source>
        <translation>该图片文件丢失或无法读取。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Length {time}</source>
        <translation>时长 {time}</translation>
    </message>
    <message>
        <location line="+29"/>
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
        <location line="+11"/>
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
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
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
        <location line="+3"/>
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
        <location filename="../../studio_desktop/ui/import_dialog.py" line="+94"/>
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
    <name>JobDetails</name>
    <message>
        <location filename="../../studio_desktop/ui/history/details.py" line="+171"/>
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
        <location line="+2"/>
        <source>What went wrong</source>
        <translation>出了什么问题</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+44"/>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Remove this job from History (Undo is offered)</source>
        <translation>从历史记录中移除此任务（可撤销）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the job in the queue before deleting it</source>
        <translation>删除前请先在队列中取消该任务</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+7"/>
        <source>Server&apos;s default model</source>
        <translation>服务器默认模型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Template</source>
        <translation>模板</translation>
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
        <location line="+5"/>
        <source>Input: {slot}</source>
        <translation>输入：{slot}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+21"/>
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
        <translation>生成</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+158"/>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <location line="-157"/>
        <location line="+157"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>&amp;Undo: {what}</source>
        <translation>撤销(&amp;U)：{what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+82"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="-77"/>
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
        <location line="+19"/>
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
        <location line="+6"/>
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
        <location line="+119"/>
        <source>About Studio Desktop</source>
        <translation>关于 Studio Desktop</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Import a ComfyUI workflow</source>
        <translation>导入 ComfyUI 工作流</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ComfyUI API workflows (*.json);;All files (*)</source>
        <translation>ComfyUI API 工作流 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Template saved; it is selected in Generate.</source>
        <translation>模板已保存，并已在“生成”中选中。</translation>
    </message>
    <message>
        <location line="+63"/>
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
        <location line="+53"/>
        <source>Jobs are still in the queue</source>
        <translation>队列中还有任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{running} running and {waiting} waiting jobs.</source>
        <translation>{running} 个任务运行中，{waiting} 个任务等待中。</translation>
    </message>
    <message>
        <location line="+6"/>
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
    <name>ProgressPanel</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/progress.py" line="+149"/>
        <source>The live preview of a running job appears here, then its result.</source>
        <translation>运行中任务的实时预览会显示在这里，完成后显示结果。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel the current job (Esc)</source>
        <translation>取消当前任务（Esc）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No job running</source>
        <translation>没有正在运行的任务</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Starting on {server}…</source>
        <translation>正在 {server} 上启动…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Step {value}/{max}</source>
        <translation>第 {value}/{max} 步</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Could not show the result: {reason}</source>
        <translation>无法显示结果：{reason}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Retrying in {delay:.0f} s: {reason}</source>
        <translation>{delay:.0f} 秒后重试：{reason}</translation>
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
    <name>QueueDelegate</name>
    <message>
        <location filename="../../studio_desktop/ui/queue/delegate.py" line="+127"/>
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
        <location line="+2"/>
        <source>Sent to {server}, waiting there</source>
        <translation>已发送到 {server}，正在其上等待</translation>
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
        <location filename="../../studio_desktop/ui/queue/panel.py" line="+52"/>
        <source>Cancel all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel every waiting and running job</source>
        <translation>取消所有等待中和运行中的任务</translation>
    </message>
    <message>
        <location line="+29"/>
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
        <location line="+226"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>Queue the selected failed or cancelled jobs again</source>
        <translation>将选中的失败或已取消任务重新加入队列</translation>
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
        <location line="+50"/>
        <source>Could not read the queued jobs: {reason}</source>
        <translation>无法读取队列中的任务：{reason}</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n running</source>
        <translation>
            <numerusform>%n 个运行中</numerusform>
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
        <location line="+45"/>
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
        <location line="+31"/>
        <source>Move to front</source>
        <translation>移到最前</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <location line="+6"/>
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
    <name>SeedField</name>
    <message>
        <location filename="../../studio_desktop/ui/generate/fields.py" line="+388"/>
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
    <name>ServerEditDialog</name>
    <message>
        <location filename="../../studio_desktop/ui/settings/server_edit.py" line="+47"/>
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
        <location filename="../../studio_desktop/ui/settings/server_model.py" line="+62"/>
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
        <location filename="../../studio_desktop/ui/settings/servers_page.py" line="+61"/>
        <source>Studio Desktop sends jobs to these ComfyUI servers. Changes take effect at once.</source>
        <translation>Studio Desktop 会把任务发送到这些 ComfyUI 服务器。更改立即生效。</translation>
    </message>
    <message>
        <location line="+22"/>
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
        <location line="+99"/>
        <source>Added {name}</source>
        <translation>已添加 {name}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Remove server</source>
        <translation>移除服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove {name} ({url})?
Jobs waiting in the queue stay there and run on the other servers.</source>
        <translation>要移除 {name}（{url}）吗？
队列中等待的任务会保留，并在其他服务器上运行。</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location line="+16"/>
        <source>Test failed: {error}</source>
        <translation>测试失败：{error}</translation>
    </message>
    <message>
        <location filename="../../studio_desktop/ui/settings/dialog.py" line="+38"/>
        <source>Servers and Settings</source>
        <translation>服务器与设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings could not be saved: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../studio_desktop/ui/shortcut_sheet.py" line="+62"/>
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
        <location line="+5"/>
        <source>, or the mouse wheel</source>
        <translation>，或鼠标滚轮</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location filename="../../studio_desktop/ui/generate/fields.py" line="-151"/>
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
        <location filename="../../studio_desktop/app.py" line="+89"/>
        <source>The output folder {folder} cannot be used; new images are saved in {default}.</source>
        <translation>无法使用输出文件夹 {folder}；新图片保存在 {default}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something could not be used at start, defaults are used instead (the log has details): {problem}</source>
        <translation>启动时有内容无法使用，已改用默认值（详情见日志）：{problem}</translation>
    </message>
    <message>
        <location line="+42"/>
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
        <location filename="../../studio_desktop/ui/status_bar.py" line="+54"/>
        <source>No server — start ComfyUI or add one in Settings</source>
        <translation>没有服务器 — 请启动 ComfyUI，或在“设置”中添加</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Queue: {waiting} waiting, {running} running</source>
        <translation>队列：{waiting} 个等待中，{running} 个运行中</translation>
    </message>
</context>
<context>
    <name>_ServerBadge</name>
    <message>
        <location line="-59"/>
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
        <location line="+5"/>
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
        <location filename="../../studio_desktop/ui/history/details.py" line="-304"/>
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
