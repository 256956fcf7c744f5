<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Rekindle</source>
        <translation>关于 Rekindle</translation>
    </message>
    <message>
        <source>Restores and enlarges old photos with a super-resolution network.</source>
        <translation>用超分辨率神经网络修复并放大老照片。</translation>
    </message>
    <message>
        <source>Python {python} · Qt {qt} · PySide6 {pyside} · PyTorch {torch}</source>
        <translation>Python {python} · Qt {qt} · PySide6 {pyside} · PyTorch {torch}</translation>
    </message>
    <message>
        <source>No models are installed.</source>
        <translation>尚未安装任何模型。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>训练时长</translation>
    </message>
    <message>
        <source>PSNR (dB)</source>
        <translation>PSNR（dB）</translation>
    </message>
    <message>
        <source>Bicubic PSNR (dB)</source>
        <translation>双三次插值 PSNR（dB）</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>your model</source>
        <translation>用户模型</translation>
    </message>
    <message>
        <source>{source}, training stopped early</source>
        <translation>{source}，训练提前停止</translation>
    </message>
</context>
<context>
    <name>ComparisonViewer</name>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Fit · {percent}%</source>
        <translation>适应窗口 · {percent}%</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} 小时 {minutes:02d} 分</translation>
    </message>
    <message>
        <source>{minutes} min {seconds:02d} s</source>
        <translation>{minutes} 分 {seconds:02d} 秒</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>正在估算…</translation>
    </message>
    <message>
        <source>{duration} left</source>
        <translation>剩余 {duration}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Added 1 photo to the queue.</source>
        <translation>已将 1 张照片加入队列。</translation>
    </message>
    <message>
        <source>Added {count} photos to the queue.</source>
        <translation>已将 {count} 张照片加入队列。</translation>
    </message>
    <message>
        <source>No new photos found (they may already be in the queue).</source>
        <translation>没有找到新照片（它们可能已在队列中）。</translation>
    </message>
    <message>
        <source>Open photos</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>图像 ({patterns})</translation>
    </message>
    <message>
        <source>Open a folder of photos</source>
        <translation>打开照片文件夹</translation>
    </message>
    <message>
        <source>No model is installed, so nothing can be restored yet.</source>
        <translation>尚未安装模型，暂时无法修复照片。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Nothing to save: restore some photos first.</source>
        <translation>没有可保存的内容：请先修复照片。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Cannot create {folder}: {reason}</source>
        <translation>无法创建 {folder}：{reason}</translation>
    </message>
    <message>
        <source>Drop photos or folders here,
or open them with {shortcut}.</source>
        <translation>将照片或文件夹拖放到这里，
或按 {shortcut} 打开。</translation>
    </message>
    <message>
        <source>No models are installed yet, so photos cannot be restored.</source>
        <translation>尚未安装任何模型，因此无法修复照片。</translation>
    </message>
    <message>
        <source>{name} cannot be opened:
{reason}</source>
        <translation>无法打开 {name}：
{reason}</translation>
    </message>
    <message>
        <source>Loading {name}…</source>
        <translation>正在载入 {name}…</translation>
    </message>
    <message>
        <source>Restored {name}.</source>
        <translation>已修复 {name}。</translation>
    </message>
    <message>
        <source>The model could not be loaded: {reason}</source>
        <translation>无法加载模型：{reason}</translation>
    </message>
    <message>
        <source>Cancelled. Restored: {restored}, failed: {failed}.</source>
        <translation>已取消。已修复：{restored}，失败：{failed}。</translation>
    </message>
    <message>
        <source>Finished. Restored: {restored}, failed: {failed}.</source>
        <translation>已完成。已修复：{restored}，失败：{failed}。</translation>
    </message>
    <message>
        <source>Photo: %p% · {left}</source>
        <translation>当前照片：%p% · {left}</translation>
    </message>
    <message>
        <source>Queue {done}/{total}: %p% · {left}</source>
        <translation>队列 {done}/{total}：%p% · {left}</translation>
    </message>
    <message>
        <source>Saved {name} in {folder}.</source>
        <translation>已将 {name} 保存到 {folder}。</translation>
    </message>
    <message>
        <source>Saved {count} photos in {folder}.</source>
        <translation>已将 {count} 张照片保存到 {folder}。</translation>
    </message>
    <message>
        <source>Could not save {name}: {reason}</source>
        <translation>无法保存 {name}：{reason}</translation>
    </message>
    <message>
        <source>&amp;Open Photos…</source>
        <translation>打开照片(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;All</source>
        <translation>全部保存(&amp;A)</translation>
    </message>
    <message>
        <source>Open Output Fol&amp;der</source>
        <translation>打开输出文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Re&amp;move from Queue</source>
        <translation>从队列中移除(&amp;M)</translation>
    </message>
    <message>
        <source>C&amp;lear Queue</source>
        <translation>清空队列(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>修复(&amp;R)</translation>
    </message>
    <message>
        <source>Restore &amp;All</source>
        <translation>全部修复(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100%)</source>
        <translation>实际大小（100%）(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Settings Panel</source>
        <translation>设置面板(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Rekindle</source>
        <translation>关于 Rekindle(&amp;A)</translation>
    </message>
    <message>
        <source>Add photos to the queue</source>
        <translation>将照片加入队列</translation>
    </message>
    <message>
        <source>Save the selected restored photos</source>
        <translation>保存选中的已修复照片</translation>
    </message>
    <message>
        <source>Save every restored photo not saved yet</source>
        <translation>保存所有尚未保存的已修复照片</translation>
    </message>
    <message>
        <source>Show the folder restored photos are saved in</source>
        <translation>打开保存修复照片的文件夹</translation>
    </message>
    <message>
        <source>Restore the selected photos</source>
        <translation>修复选中的照片</translation>
    </message>
    <message>
        <source>Restore every photo in the queue</source>
        <translation>修复队列中的所有照片</translation>
    </message>
    <message>
        <source>Stop restoring</source>
        <translation>停止修复</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Restore All</source>
        <translation>全部修复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>全部保存</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>修复后</translation>
    </message>
    <message>
        <source>Quit Rekindle</source>
        <translation>退出 Rekindle</translation>
    </message>
    <message>
        <source>Restored photos that are not saved: {count}. Quit anyway?</source>
        <translation>有 {count} 张已修复的照片尚未保存。仍要退出吗？</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Cannot open: {reason}</source>
        <translation>无法打开：{reason}</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Restoring {percent}% · {left}</source>
        <translation>正在修复 {percent}% · {left}</translation>
    </message>
    <message>
        <source>Could not save: {reason}</source>
        <translation>保存失败：{reason}</translation>
    </message>
    <message>
        <source>Saved as {name}</source>
        <translation>已保存为 {name}</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已修复</translation>
    </message>
    <message>
        <source>Restored to {width} × {height}</source>
        <translation>已修复为 {width} × {height}</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>{width} × {height}</source>
        <translation>{width} × {height}</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Not available: {reason}</source>
        <translation>不可用：{reason}</translation>
    </message>
    <message>
        <source>Save restored photos in</source>
        <translation>选择保存修复照片的文件夹</translation>
    </message>
    <message>
        <source>Only the built-in Faithful ×4 and Detail ×4 models can be blended.</source>
        <translation>只有内置的“保真 ×4”和“细节 ×4”模型可以混合。</translation>
    </message>
    <message>
        <source>The model&apos;s own</source>
        <translation>模型自身倍数</translation>
    </message>
    <message>
        <source>The model&apos;s own ({scale}×)</source>
        <translation>模型自身（{scale}×）</translation>
    </message>
    <message>
        <source>No models are installed. Put Rekindle model files (.safetensors) in {folder}</source>
        <translation>尚未安装模型。请将 Rekindle 模型文件（.safetensors）放入 {folder}</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>your model</source>
        <translation>用户模型</translation>
    </message>
    <message>
        <source>Enlarges {scale}× · {source}</source>
        <translation>放大 {scale}× · {source}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Open the folder for your own models</source>
        <translation>打开存放自有模型的文件夹</translation>
    </message>
    <message>
        <source>Detail strength</source>
        <translation>细节强度</translation>
    </message>
    <message>
        <source>Faithful</source>
        <translation>保真</translation>
    </message>
    <message>
        <source>Detailed</source>
        <translation>细节</translation>
    </message>
    <message>
        <source>Output scale</source>
        <translation>输出倍数</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <source>Automatic ({device})</source>
        <translation>自动（{device}）</translation>
    </message>
    <message>
        <source>Tile size</source>
        <translation>分块大小</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Photos are restored in square tiles of this side. Smaller tiles use less memory.</source>
        <translation>照片按此边长的方块逐块修复。分块越小，占用内存越少。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Choose the folder for restored photos</source>
        <translation>选择保存修复照片的文件夹</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Same as the original</source>
        <translation>与原图相同</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>the photo is too large for the memory available</source>
        <translation>照片太大，可用内存不足</translation>
    </message>
    <message>
        <source>unexpected error ({error}); details are in the log file</source>
        <translation>意外错误（{error}）；详情见日志文件</translation>
    </message>
    <message>
        <source>not enough memory to load the model</source>
        <translation>内存不足，无法加载模型</translation>
    </message>
    <message>
        <source>cannot create the folder {folder} ({reason})</source>
        <translation>无法创建文件夹 {folder}（{reason}）</translation>
    </message>
</context>
</TS>
