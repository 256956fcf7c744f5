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
        <source>Restores and enlarges old photos and films, on your own computer.</source>
        <translation>在你自己的电脑上修复并放大老照片和老影片。</translation>
    </message>
    <message>
        <source>Copyright © the Rekindle developers</source>
        <translation>版权所有 © Rekindle 开发者</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 2 or later. It comes with no warranty.</source>
        <translation>自由软件，按 GNU 通用公共许可证第 2 版或更高版本授权。本软件不提供任何担保。</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>模型详情</translation>
    </message>
    <message>
        <source>No models are installed.</source>
        <translation>尚未安装任何模型。</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>基于以下组件构建</translation>
    </message>
    <message>
        <source>Qt {qt} through PySide6 {pyside} · PyTorch {torch} · OpenCV {opencv} · FFmpeg {ffmpeg} through PyAV {pyav} · Pillow {pillow} · NumPy {numpy} · Python {python}</source>
        <translation>Qt {qt}（经由 PySide6 {pyside}）· PyTorch {torch} · OpenCV {opencv} · FFmpeg {ffmpeg}（经由 PyAV {pyav}）· Pillow {pillow} · NumPy {numpy} · Python {python}</translation>
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
    <name>ClusterField</name>
    <message>
        <source>Ray is not installed, so all is restored on this computer</source>
        <translation>未安装 Ray，所有内容都在本机修复</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>可以连接</translation>
    </message>
    <message>
        <source>A cluster is started on this computer for films (photos stay here): workers {workers}, GPUs {gpus}</source>
        <translation>将在本机为影片启动一个集群（照片仍在本机修复）：工作进程 {workers} 个，GPU {gpus} 个</translation>
    </message>
    <message>
        <source>Reachable: machines {machines}, workers {workers}, GPUs {gpus}</source>
        <translation>可以连接：计算机 {machines} 台，工作进程 {workers} 个，GPU {gpus} 个</translation>
    </message>
    <message>
        <source>host:6379, or local</source>
        <translation>host:6379，或 local</translation>
    </message>
</context>
<context>
    <name>CollapsibleSection</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{title} · {changes}</source>
        <translation>{title} · {changes}</translation>
    </message>
    <message>
        <source>Changed from the defaults:</source>
        <translation>与默认设置不同：</translation>
    </message>
</context>
<context>
    <name>ComparePicker</name>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>Picture on the left</source>
        <translation>左侧的图片</translation>
    </message>
    <message>
        <source>Picture on the right</source>
        <translation>右侧的图片</translation>
    </message>
</context>
<context>
    <name>ComparisonSave</name>
    <message>
        <source>Saving the comparison of {name}…</source>
        <translation>正在保存 {name} 的前后对比图…</translation>
    </message>
    <message>
        <source>Saved the comparison {name} in {folder}, split in the middle: the line was at the photo&apos;s edge.</source>
        <translation>已将对比图 {name} 保存到 {folder}，从中间分开：分割线在照片边缘。</translation>
    </message>
    <message>
        <source>Saved the comparison {name} in {folder}.</source>
        <translation>已将对比图 {name} 保存到 {folder}。</translation>
    </message>
    <message>
        <source>Could not save the comparison of {name}: {reason}</source>
        <translation>无法保存 {name} 的对比图：{reason}</translation>
    </message>
</context>
<context>
    <name>ComparisonViewer</name>
    <message>
        <source>Before and after</source>
        <translation>修复前后对比</translation>
    </message>
    <message>
        <source>Pan a zoomed photo (Shift: further)</source>
        <translation>平移放大的照片（按住 Shift 移得更远）</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>方向键</translation>
    </message>
    <message>
        <source>Move the split (Shift: further)</source>
        <translation>移动分割线（按住 Shift 移得更远）</translation>
    </message>
    <message>
        <source>Comma, Period</source>
        <translation>逗号、句号</translation>
    </message>
    <message>
        <source>Move the split while the photo fits</source>
        <translation>照片完整显示时移动分割线</translation>
    </message>
    <message>
        <source>Left, Right</source>
        <translation>左、右方向键</translation>
    </message>
    <message>
        <source>Split to either end</source>
        <translation>分割线移到两端</translation>
    </message>
    <message>
        <source>Home, End</source>
        <translation>Home、End</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Move the photo while marking spots</source>
        <translation>标记斑点时移动照片</translation>
    </message>
    <message>
        <source>Space held, drag</source>
        <translation>按住空格并拖动</translation>
    </message>
    <message>
        <source>Erase while marking spots</source>
        <translation>标记斑点时擦除</translation>
    </message>
    <message>
        <source>Alt held, or the right button</source>
        <translation>按住 Alt，或用鼠标右键</translation>
    </message>
    <message>
        <source>Brush smaller, larger</source>
        <translation>画笔缩小、放大</translation>
    </message>
    <message>
        <source>{before} {left}%, {after} {right}%</source>
        <translation>{before} {left}%，{after} {right}%</translation>
    </message>
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
    <message>
        <source>{picture}: {percent}% of its own pixels</source>
        <translation>{picture}：以其自身像素的 {percent}% 显示</translation>
    </message>
</context>
<context>
    <name>DropHighlight</name>
    <message>
        <source>Drop to add</source>
        <translation>松开即可添加</translation>
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
        <source>a moment left</source>
        <translation>马上就好</translation>
    </message>
    <message>
        <source>{duration} left</source>
        <translation>剩余 {duration}</translation>
    </message>
</context>
<context>
    <name>EarlierResults</name>
    <message>
        <source>1 of these photos was restored before with these settings.</source>
        <translation>其中 1 张照片之前已用这些设置修复过。</translation>
    </message>
    <message>
        <source>{count} of these photos were restored before with these settings.</source>
        <translation>其中 {count} 张照片之前已用这些设置修复过。</translation>
    </message>
    <message>
        <source>1 of these films was restored before with these settings.</source>
        <translation>其中 1 部影片之前已用这些设置修复过。</translation>
    </message>
    <message>
        <source>{count} of these films were restored before with these settings.</source>
        <translation>其中 {count} 部影片之前已用这些设置修复过。</translation>
    </message>
    <message>
        <source>Their results are in {folder}

Use those results, or restore the films again and save the new results beside them?</source>
        <translation>它们的结果位于 {folder}

使用这些结果，还是重新修复这些影片并将新结果保存在旁边？</translation>
    </message>
    <message>
        <source>{count} of these photos and films were restored before with these settings.</source>
        <translation>其中 {count} 个照片和影片之前已用这些设置修复过。</translation>
    </message>
    <message>
        <source>Their results are in {folder}

Use those results, or restore them again and save the new results beside them?</source>
        <translation>它们的结果位于 {folder}

使用这些结果，还是重新修复它们并将新结果保存在旁边？</translation>
    </message>
    <message>
        <source>Restored Before</source>
        <translation>之前已修复</translation>
    </message>
    <message>
        <source>Their results are in {folder}

Use those results, or restore the photos again and save the new results beside them?</source>
        <translation>它们的结果位于 {folder}

使用这些结果，还是重新修复这些照片并把新结果保存在旁边？</translation>
    </message>
    <message>
        <source>Use Those Results</source>
        <translation>使用这些结果</translation>
    </message>
    <message>
        <source>Restore Again</source>
        <translation>重新修复</translation>
    </message>
</context>
<context>
    <name>FileManager</name>
    <message>
        <source>The output folder {folder} is not there; its drive may not be plugged in.</source>
        <translation>输出文件夹 {folder} 不存在；它所在的驱动器可能没有接上。</translation>
    </message>
    <message>
        <source>Cannot create {folder}: {reason}</source>
        <translation>无法创建 {folder}：{reason}</translation>
    </message>
    <message>
        <source>Cannot open the folder “{folder}”: no file manager is set up; it is {path} (copied to the clipboard).</source>
        <translation>无法打开文件夹“{folder}”：系统未设置文件管理器；它位于 {path}（已复制到剪贴板）。</translation>
    </message>
</context>
<context>
    <name>FilmPart</name>
    <message>
        <source>In is past Out, so Out moved to the end of the film.</source>
        <translation>入点在出点之后，因此出点已移到影片结尾。</translation>
    </message>
    <message>
        <source>Out is before In, so In moved to the start of the film.</source>
        <translation>出点在入点之前，因此入点已移到影片开头。</translation>
    </message>
</context>
<context>
    <name>FilmView</name>
    <message>
        <source>Restoring frame {frame}…</source>
        <translation>正在修复第 {frame} 帧…</translation>
    </message>
    <message>
        <source>The restored film cannot be shown: {reason}</source>
        <translation>无法显示修复后的影片：{reason}</translation>
    </message>
    <message>
        <source>Restored: {name}</source>
        <translation>已修复：{name}</translation>
    </message>
    <message>
        <source>Frame {frame} is not in the part restored, frames {first} to {last}</source>
        <translation>第 {frame} 帧不在已修复的片段中（第 {first} 至第 {last} 帧）</translation>
    </message>
    <message>
        <source>Restoring: showing the latest frame restored</source>
        <translation>正在修复：显示最新修复的一帧</translation>
    </message>
    <message>
        <source>Preview of frame {frame} with {model}</source>
        <translation>第 {frame} 帧的预览（{model}）</translation>
    </message>
    <message>
        <source>Preview failed: {reason}</source>
        <translation>预览失败：{reason}</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>My photos</source>
        <translation>我的照片</translation>
    </message>
    <message>
        <source>Training stopped at step {step} of {total}. The model is usable as it is; save it now, or close this window with Cancel and continue training later.</source>
        <translation>训练在第 {step} 步（共 {total} 步）停止。模型现在即可使用；请立即保存，或点“取消”关闭此窗口，以后再继续训练。</translation>
    </message>
    <message>
        <source>Training is complete ({total} steps). Give your model a name.</source>
        <translation>训练已完成（{total} 步）。请为模型取个名字。</translation>
    </message>
    <message>
        <source>Measuring the built-in model on your held-out photos…</source>
        <translation>正在用留出的照片评测内置模型…</translation>
    </message>
    <message>
        <source>No built-in {scale}× model is installed to compare with. Figures are measured on the photos kept aside; higher is closer to the originals.</source>
        <translation>没有安装可供比较的内置 {scale}× 模型。数值在留出的照片上测得；越高越接近原图。</translation>
    </message>
    <message>
        <source>Both models are measured on the same photos kept aside from training; higher is closer to the originals.</source>
        <translation>两个模型都在同一批未参与训练的照片上评测；数值越高越接近原图。</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Save Anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>The model could not be saved: {reason}</source>
        <translation>无法保存模型：{reason}</translation>
    </message>
    <message>
        <source>Your model</source>
        <translation>您的模型</translation>
    </message>
    <message>
        <source>It will appear in the model list of the main window, selected, ready to use.</source>
        <translation>模型将出现在主窗口的模型列表中并被选中，可以直接使用。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>How close to the originals</source>
        <translation>与原图的接近程度</translation>
    </message>
    <message>
        <source>PSNR (dB)</source>
        <translation>PSNR（dB）</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>Simple enlargement (bicubic)</source>
        <translation>普通放大（双三次）</translation>
    </message>
    <message>
        <source>Built-in model</source>
        <translation>内置模型</translation>
    </message>
</context>
<context>
    <name>FrameScrubber</name>
    <message>
        <source>Frame {frame} of {total}</source>
        <translation>第 {frame} 帧，共 {total} 帧</translation>
    </message>
    <message>
        <source>Frame to show</source>
        <translation>要显示的帧</translation>
    </message>
    <message>
        <source>1 frame</source>
        <translation>1 帧</translation>
    </message>
    <message>
        <source>{count} frames</source>
        <translation>{count} 帧</translation>
    </message>
    <message>
        <source>Part: {start} – {end} · {frames}</source>
        <translation>片段：{start} – {end} · {frames}</translation>
    </message>
    <message>
        <source>Frame {frame} / {total} · {time}</source>
        <translation>第 {frame} / {total} 帧 · {time}</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Restoring photos</source>
        <translation>修复照片</translation>
    </message>
    <message>
        <source>Drop photos, films or folders on the window, or open them from the File menu. Choose the settings on the right, then Restore the selected ones or Restore All. The viewer shows the original left of the slider and the restored photo right of it. To judge the settings on a large scan first, zoom in on a part and press Preview (P): that part is restored in a second or two and shown right of the slider, and while it is on show it follows the settings as you change them. Restored photos are saved in the output folder (at once, unless you turned that off); an original is never changed or overwritten.</source>
        <translation>把照片、影片或文件夹拖到窗口上，或从“文件”菜单打开。在右侧选好设置，然后修复选中的项目，或点“全部修复”。查看器中滑块左边是原图，右边是修复后的照片。要先在大幅扫描件上评估设置，可放大到某一部分并按“预览”(P)：这一部分一两秒内即修复完成，显示在滑块右边；预览显示期间，它会随你修改的设置自动更新。修复后的照片保存在输出文件夹中（默认修复后立即保存，除非你关闭了该选项）；原图永远不会被修改或覆盖。</translation>
    </message>
    <message>
        <source>Comparing before and after</source>
        <translation>比较修复前后</translation>
    </message>
    <message>
        <source>Drag the slider, or move it with comma and period (Left and Right while the photo fits the window; Shift moves it further); Home and End put it at either end. The wheel, or + and −, zooms around the cursor; drag, or the arrow keys (Shift: further), move a zoomed photo; F fits the photo to the window and 1 shows it at 100%. With two results or more, Compare picks the two shown.</source>
        <translation>拖动分割滑块，或用逗号和句号移动它（照片完整显示在窗口中时也可用左、右方向键；按住 Shift 移得更远）；Home 和 End 把它移到两端。滚轮或 + 和 − 以光标为中心缩放；拖动或方向键（按住 Shift 移得更远）移动放大的照片；F 使照片适应窗口，1 以 100% 显示。有两个或更多结果时，用“比较”选择显示哪两个。</translation>
    </message>
    <message>
        <source>Models, Repair and Detail</source>
        <translation>模型、修复与细节</translation>
    </message>
    <message>
        <source>Clean up before and after enlarging</source>
        <translation>放大前后的清理</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <source>The model&apos;s own scale, or another one, enlarges every photo by that much. Long side makes the longer side of every photo that many pixels. Print size makes each photo as large as fits within a print of that size (turned to match the photo) at the resolution given, with nothing cropped, so a photo of another shape falls short of the print one way; 300 dpi suits most prints. Under the choice you see what the selected photo becomes. Before restoring anything over {megapixels} megapixels Rekindle asks, since many viewers cannot open it; JPEG holds at most {jpeg} pixels a side and WebP {webp}, so larger results need PNG or TIFF. A film is enlarged by the scale chosen, or by the model&apos;s own when Long side or Print size is chosen (on the command line, restore-video --scale-out chooses 2 or 4). Before restoring a film beyond 4K (a 1080p film with a 4x model) Rekindle asks, and offers the 2x model.</source>
        <translation>模型自身的倍数或其他倍数，把每张照片放大这么多。“长边像素数”使每张照片的长边为指定像素数。“冲印尺寸”使每张照片以给定分辨率在该尺寸的相片内尽量放大（方向随照片），不裁切任何部分，因此形状与相片不同的照片在一个方向上会短于相片；300 dpi 适合大多数冲印。选项下方显示所选照片会变成多大。修复超过 {megapixels} 百万像素的结果前 Rekindle 会先询问，因为许多看图软件打不开；JPEG 每边最多 {jpeg} 像素，WebP 最多 {webp}，更大的结果需要 PNG 或 TIFF。影片按所选倍数放大；选择“长边像素数”或“冲印尺寸”时按模型自身的倍数放大（命令行中用 restore-video --scale-out 选择 2 或 4）。修复超过 4K 的影片（用 4x 模型处理 1080p 影片）前 Rekindle 会先询问，并提供 2x 模型。</translation>
    </message>
    <message>
        <source>Fix faded colours</source>
        <translation>修复褪色</translation>
    </message>
    <message>
        <source>For faded prints and film: greyed blacks and dull whites are set back and part of a colour cast is taken away before enlarging. A photo with no sign of fading is left as it is, and a toned black-and-white print keeps its tone. A film gets one correction for all its frames, so it does not flicker.</source>
        <translation>用于褪色的相片和影片：放大前恢复发灰的黑色和暗淡的白色，并去除部分偏色。没有褪色迹象的照片保持原样，经过调色的黑白照片保留其色调。一部影片的所有帧使用同一个校正，因此不会闪烁。</translation>
    </message>
    <message>
        <source>Remove dust and specks from photos</source>
        <translation>去除照片上的灰尘和斑点</translation>
    </message>
    <message>
        <source>For scanned prints: small specks of dust, white dots and short hairs that stand out from a flat surround are found and filled in from the picture around them, with its grain, before enlarging. Eyes, letters, edges and textures such as gravel are left alone. A small bright thing on a dark ground that belongs to the picture, a button or a star, may be taken for dust, and long scratches are not looked for: compare a part with Preview first. On the command line, find-spots writes what it finds as a picture to look over and change in any paint program, and restore --marks fills what that picture marks.</source>
        <translation>适用于扫描的相片：在平整背景上显眼的细小灰尘、白点和短发丝会被找出，并在放大前用周围的画面（连同其颗粒）填补。眼睛、文字、边缘以及砾石之类的纹理不受影响。画面中本来就有的暗底上的小亮点（如纽扣或星星）可能被当作灰尘，长划痕则不会被查找：请先用“预览”对比一部分。在命令行中，find-spots 会把找到的位置写成一张图片，可在任何绘图程序中查看和修改，restore --marks 则填补该图片标出的位置。</translation>
    </message>
    <message>
        <source>Marking spots and scratches by hand</source>
        <translation>手动标记斑点和划痕</translation>
    </message>
    <message>
        <source>Grain</source>
        <translation>颗粒</translation>
    </message>
    <message>
        <source>The Grain slider adds fine grain to the restored picture as a finish, so a face or a sky the Restore model left smooth does not look plastic. It is in brightness only, so a black-and-white picture stays grey, and strongest in the midtones. Preview shows the very grain the whole photo gets, and each frame of a film gets its own. At the left end none is added.</source>
        <translation>“颗粒”滑块在修复后的画面上加一层细颗粒作为收尾，使 Restore 模型处理得过于光滑的面孔或天空不显得像塑料。颗粒只加在亮度上，因此黑白画面仍是灰的，且在中间调最强。预览显示的正是整张照片会得到的颗粒，影片的每一帧各有自己的颗粒。滑块在最左端时不加颗粒。</translation>
    </message>
    <message>
        <source>These run a model that does not enlarge (1x), such as the built-in Clean-up 1x, which gently reduces light noise, small dust specks and JPEG blocks (it does little to film grain). Before enlarging, it cleans the photo as it is, so the damage is not enlarged with it: use it for noisy or heavily compressed photos. After enlarging, it tidies the enlarged result, which takes longer. Leave both at None for clean scans.</source>
        <translation>这两项运行一个不放大（1x）的模型，例如内置的 Clean-up 1x，它会温和地减轻轻微噪点、细小灰尘斑点和 JPEG 方块（对胶片颗粒作用很小）。放大前清理是在原尺寸上清理照片，使损伤不会随之放大：适合噪点多或压缩严重的照片。放大后清理整理放大后的结果，耗时更长。干净的扫描件请两项都选“无”。</translation>
    </message>
    <message>
        <source>Mark Spots (M) lets you paint over what the photo should not have: dust, hairs, scratches, small tears and creases. What you paint shows in red and is filled in from the picture around it, with its grain, before the photo is restored, and in Preview. The right button or Alt erases; [ and ] change the brush; hold Space to move the photo; Undo ({undo}) takes back a stroke and Redo ({redo}) takes it again. Find Spots (S) marks the dust and specks it finds, for you to look over and erase what belongs to the picture; Clear (C) erases every mark. Press Done (Return, Enter or Esc): the marks are kept with the photo, also after Rekindle is closed, and a result made before they changed is marked out of date. While marking, Esc is Done and cancels no run: Cancel is there again once marking is done. Marks fill small damage well; a large missing piece comes out smooth. On a film, mark what stays in one place on every frame, a hair caught in the gate, a scratch down the same column or a logo: it is filled on every frame (scrub through the film while marking to see that it stays put).</source>
        <translation>“标记斑点”（M）让你涂抹照片上不该有的东西：灰尘、发丝、划痕、小的撕裂和折痕。涂抹处显示为红色，在照片修复前以及预览中，用周围的画面连同其颗粒填补。右键或 Alt 擦除；[ 和 ] 调整画笔；按住空格移动照片；撤销（{undo}）收回一笔，重做（{redo}）再做一次。“查找斑点”（S）标记它找到的灰尘和斑点，供你检查并擦去属于画面的部分；“清除”（C）擦去所有标记。按“完成”（Return、Enter 或 Esc）：标记随照片保存，关闭 Rekindle 后仍在，标记改变前做出的结果会被标为过时。标记时 Esc 即“完成”，不会取消任何运行：标记结束后“取消”才重新可用。标记对小的损伤填补得很好；大块缺失会显得平滑。在影片上，标记在每一帧都停在同一位置的东西，如片门中的发丝、同一列的划痕或台标：它会在每一帧被填补（标记时拖动时间轴查看它是否停在原处）。</translation>
    </message>
    <message>
        <source>Remove dust and dirt from films</source>
        <translation>去除影片中的灰尘和污渍</translation>
    </message>
    <message>
        <source>Specks of dust, dirt and hairs that show on one frame of an old film and not on the frames beside it are filled in from those frames, at the frame&apos;s own brightness. Where the picture moves too much to follow, nothing is filled; a small thing moving very fast may still be taken for dirt, so compare a frame with Preview first, which cleans it the same way. Scratches that stay in one place over many frames are left.</source>
        <translation>老影片中只出现在某一帧、而不出现在相邻帧上的灰尘、污点和毛发，会用相邻帧的画面按该帧自身的亮度填补。画面运动过大、无法跟踪的地方不作填补；移动极快的小物体仍可能被误当作污渍，所以请先用“预览”对比一帧，预览会以同样的方式清理。在许多帧中停留在同一位置的划痕会保留。</translation>
    </message>
    <message>
        <source>Calm the grain of films</source>
        <translation>减轻影片颗粒</translation>
    </message>
    <message>
        <source>Each frame of a film is averaged with the two frames each side of it wherever they show the same picture. Grain changes from frame to frame and the picture does not, so about half the grain goes and nothing that moves is smeared; the Restore model then paints less texture into what was grain.</source>
        <translation>影片的每一帧都会在画面相同的地方与前后各两帧取平均。颗粒每帧都在变化，而画面不变，因此大约一半的颗粒会消失，运动的物体也不会被抹糊；修复模型随后也较少把颗粒画成纹理。</translation>
    </message>
    <message>
        <source>Even out flicker in films</source>
        <translation>消除影片闪烁</translation>
    </message>
    <message>
        <source>Each frame of a film is brought to the steady brightness of the frames around it in the same shot, evenly or more on one side as the flicker needs. A cut to another shot is found and nothing is evened across it; light that truly changes for a frame or two, such as a flash, is evened too.</source>
        <translation>影片的每一帧都会调整到同一镜头中前后帧的稳定亮度，可整体调整，也可按闪烁情况偏重某一侧。会识别切换到另一个镜头的剪辑点，不会跨镜头平衡亮度；只持续一两帧的真实光线变化（如闪光）也会被平衡掉。</translation>
    </message>
    <message>
        <source>Steady the picture of films</source>
        <translation>稳定影片画面</translation>
    </message>
    <message>
        <source>Where an old film&apos;s picture weaves or jumps from frame to frame, because the film rode loose in a worn gate, a splice or a shaking camera, each frame is moved to where the frames around it in the same shot say it belongs. A frame that jumped alone is put back whole; the camera&apos;s own slow pans and tilts stay, and nothing is moved across a cut. The narrow edge a move uncovers is filled from the frames beside it. Fast shaking that is part of the scene, such as a camera on a running horse, is calmed too.</source>
        <translation>老影片的画面若逐帧晃动或跳动（胶片在磨损的片门里松动、接片处、摄影机抖动），每一帧都会被移到同一镜头中前后各帧所示的位置。单独跳开的一帧会被整帧移回；摄影机本身缓慢的摇镜和俯仰保留，也不会跨越剪辑点移动。移动后露出的窄边用相邻帧的画面填补。属于场景本身的快速抖动（例如装在奔马上的摄影机）也会被减轻。</translation>
    </message>
    <message>
        <source>Smooth repeated frames in films</source>
        <translation>平滑影片中的重复帧</translation>
    </message>
    <message>
        <source>A film shot at 16 or 18 frames a second and copied at 24 or 25 shows one frame in three, or in ten, twice: the motion stops for a frame and jumps on. A film put on NTSC video or DVD (telecined), whose fields Rekindle matches back into the film&apos;s frames, shows one frame in five twice. Each frame shown twice is replaced by a frame made halfway between the frames before and after it, by following how each part of the picture moves, so the motion slows for a moment instead of stopping. A picture held for longer stays held, and where the motion cannot be followed (a cut, a very fast move) the repeat is kept as it is. The film keeps its length, its frame count and its sound.</source>
        <translation>以每秒 16 或 18 帧拍摄、再以 24 或 25 帧转录的影片，每三帧（或每十帧）中会有一帧出现两次：动作停顿一帧，然后跳过去。转录到 NTSC 录像带或 DVD 的影片（电视电影转换），经 Rekindle 把各场重新配对成影片原来的帧之后，每五帧中有一帧出现两次。每一帧重复的画面都会被替换为一帧在前后两帧正中间生成的画面——通过追踪画面各部分的移动而得——于是动作只是放慢片刻，而不再停顿。停留更久的画面保持不变；在无法追踪运动的地方（剪辑切换、极快的动作），重复帧原样保留。影片的时长、帧数和声音都不变。</translation>
    </message>
    <message>
        <source>Interlaced video and telecined film</source>
        <translation>隔行扫描视频与电视电影转换的胶片</translation>
    </message>
    <message>
        <source>An interlaced film carries each frame as two fields, its even and its odd lines, and Rekindle looks at what they hold when the film is added; the queue says which. Video (&quot;interlaced&quot;): the two fields were taken a moment apart, and each frame is made one picture before it is enlarged, so nothing that moves comes out combed. A telecined film (&quot;telecined film&quot;, a film put on NTSC video or DVD): the fields are paired back into the film&apos;s own frames, whole and sharp. Whole frames in fields (a film shown on PAL): the frames are kept as they are. A tape&apos;s capture saved without saying it is interlaced is found too, when its frames show it.</source>
        <translation>隔行扫描的影片把每一帧存为两场——偶数行和奇数行。添加影片时，Rekindle 会查看这两场的内容，并在队列中注明。视频（“隔行扫描”）：两场拍摄于相隔片刻的两个时刻，每一帧在放大之前先合成为一幅完整画面，运动的物体不会出现梳状条纹。电视电影转换的胶片（“电视电影转换的胶片”，即转录到 NTSC 录像带或 DVD 的影片）：各场会重新配对成影片原来的帧，完整而清晰。以场存放的完整帧（在 PAL 制式下播放的影片）：各帧保持原样。录像带的采集文件即使没有标明为隔行扫描，只要画面显示出来，也会被识别。</translation>
    </message>
    <message>
        <source>Extra care, tile size and device</source>
        <translation>精细模式、分块大小与计算设备</translation>
    </message>
    <message>
        <source>Extra care restores each tile in eight orientations and averages them: slightly finer, steadier detail for eight times the time, worth it for a few precious photos. Photos are restored in square tiles; Automatic fits them to the memory, and a smaller tile helps when memory runs short. Device Automatic uses an NVIDIA (CUDA) or Apple (MPS) graphics processor when there is one, which is many times faster than the CPU; a device that cannot be used here is greyed out with the reason.</source>
        <translation>精细模式把每个分块按八个方向分别修复再取平均：细节略细、略稳，耗时八倍，适合少量珍贵的照片。照片按方形分块修复；“自动”按内存大小确定分块，内存不足时较小的分块会有帮助。计算设备选“自动”时，如有 NVIDIA（CUDA）或 Apple（MPS）显卡就使用它，比 CPU 快许多倍；本机无法使用的设备会变灰并注明原因。</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>影片</translation>
    </message>
    <message>
        <source>Films are restored frame by frame with their sound and subtitles. Pick a frame under the viewer and press Preview to judge the settings first. Films as: H.264 plays everywhere (it is always 8-bit: a 10-bit film written as H.264 gets a note), H.265 gives smaller files and keeps 10 bits, ProRes 422 HQ is for editing and FFV1 loses nothing, for archives; both keep every bit. Film quality (H.264 and H.265): Best keeps the most grain in files about twice as large; Smaller files soften the finest grain. Restoring a stopped film again continues where it stopped.</source>
        <translation>影片逐帧修复，并保留声音和字幕。先在查看器下方选一帧，按“预览”来判断设置是否合适。影片编码：H.264 到处都能播放（它总是 8 位：以 H.264 写出的 10 位影片会附一条提示），H.265 文件更小并保留 10 位，ProRes 422 HQ 用于剪辑，FFV1 完全无损，适合存档；这两者保留每一位。影片画质（H.264 和 H.265）：“最佳”保留最多颗粒，文件约大一倍；“较小文件”会使最细的颗粒变柔和。再次修复中途停止的影片会从停止处继续。</translation>
    </message>
    <message>
        <source>Restoring a part of a film</source>
        <translation>只修复影片的一部分</translation>
    </message>
    <message>
        <source>To try settings on a few seconds before the long job, or to restore one damaged reel of a transfer, pick a frame under the viewer and press Set In ({set_in}) to start the part there and Set Out ({set_out}) to end it with the frame shown. The part shows on the bar under the viewer and in the film&apos;s row, and Restore restores it alone, exactly as the whole film&apos;s run would make its frames, its sound cut to match; its result is named by its frames (film [frames 241-480].mp4), and numbered frames keep the whole film&apos;s numbers. Clear In/Out ({clear}) marks the whole film again. A cluster restores whole films only.</source>
        <translation>若想在长时间修复之前先用几秒钟试试设置，或只修复转录中受损的一卷，请在查看器下方选一帧，按“设置入点”（{set_in}）让片段从这里开始，按“设置出点”（{set_out}）让片段以当前显示的帧结束。片段会显示在查看器下方的进度条上和影片所在行中，“修复”只修复这一片段，其各帧与修复整部影片时完全相同，声音也随之剪切；结果以帧号命名（film [frames 241-480].mp4），编号帧保留整部影片中的编号。“清除入点/出点”（{clear}）重新标记整部影片。集群只能修复整部影片。</translation>
    </message>
    <message>
        <source>Films as numbered frames</source>
        <translation>将影片写成编号帧</translation>
    </message>
    <message>
        <source>Films as DPX frames (for grading), TIFF frames or PNG frames writes each frame as a picture of its own, numbered (film_000001.dpx…), in a folder named after the film in the output folder, with its sound beside them as WAV files, for a grading suite to conform; DPX frames carry the film&apos;s timecode. They lose nothing, so Film quality does not apply. A stopped film continues as a film does; frames finished before are kept, and the new ones go into a folder beside them.</source>
        <translation>“影片编码”选“DPX 帧（用于调色）”“TIFF 帧”或“PNG 帧”时，每一帧写成一张单独的编号图片（film_000001.dpx…），放在输出文件夹中以影片命名的文件夹里，声音以 WAV 文件放在旁边，供调色软件套底；DPX 帧带有影片的时间码。它们完全无损，因此“影片画质”不适用。中途停止的影片会像影片一样继续修复；之前已完成的帧会保留，新的帧放入旁边的另一个文件夹。</translation>
    </message>
    <message>
        <source>Frame sequences</source>
        <translation>帧序列</translation>
    </message>
    <message>
        <source>Restored photos and films go into the Folder chosen: those of a folder you added into a folder of its name there, keeping its subfolders, and files added one by one straight into it. A folder on a drive that is not plugged in is refused before restoring starts. Format: Same as the original keeps each photo&apos;s own (a HEIC photo&apos;s result is a JPEG); PNG and TIFF lose nothing and keep 16 bits, JPEG and WebP make smaller files, and BMP carries no colour profile or description. File names: {stem} stands for the original&apos;s name and {recipe} for how the result was made (the model, the size and the choices that change the picture, such as spots, or g30 for grain at 30%), so restoring with other settings makes a new file beside the first; the command line keeps the original&apos;s name. Save each photo as soon as it is restored writes each result at once, so a crash loses only the photo under way; turned off, use Save or Save All.</source>
        <translation>修复后的照片和影片保存在所选的“文件夹”中：你添加的文件夹里的文件放在其中以该文件夹命名的文件夹里，并保留其子文件夹；逐个添加的文件直接放入其中。位于未接入的驱动器上的文件夹会在修复开始前被拒绝。格式：“与原图相同”保留每张照片自己的格式（HEIC 照片的结果为 JPEG）；PNG 和 TIFF 无损并保留 16 位，JPEG 和 WebP 文件更小，BMP 不带色彩配置文件和说明。文件名：{stem} 代表原图的名称，{recipe} 代表结果的制作方式（模型、尺寸以及改变画面的选项，例如 spots，或表示 30% 颗粒的 g30），因此用其他设置再次修复会在第一个文件旁生成新文件；命令行保留原图的名称。“每张照片修复完成后立即保存”会立刻写出每个结果，因此崩溃时只会丢失正在处理的那张照片；关闭时请使用“保存”或“全部保存”。</translation>
    </message>
    <message>
        <source>Tools &gt; Train on My Collection makes a model of your own from a folder of good photos (at least 256 pixels on the shorter side), usually starting from a built-in model. It can take hours; it can be paused, and continued after closing. Photos Rekindle restored and folders of prepared training data are left out, and Details lists what was left out, with why. The finished model is listed with the others, and Models &gt; Manage Models shows what it was trained on.</source>
        <translation>“工具 &gt; 用我的照片训练”用一个文件夹中的优质照片（短边至少 256 像素）训练你自己的模型，通常从内置模型开始。训练可能需要数小时；可以暂停，关闭后也能继续。Rekindle 修复过的照片和已准备好的训练数据文件夹会被排除，“详细信息”会列出被排除的内容及原因。训练好的模型会与其他模型列在一起，“模型 &gt; 管理模型”会显示它是用什么训练的。</translation>
    </message>
    <message>
        <source>It does not find cracks, tears or creases by itself, nor rebuild a large missing piece such as a torn-off corner: small tears, creases, cracks and scratches painted over with Mark Spots are filled from the picture around them, and Clean-up 1x reduces only small dust specks. It does not restore faces, and face restoration models are refused. It does not colourise black-and-white photos: they stay black and white.</source>
        <translation>它不会自行找出裂纹、撕裂或折痕，也不会重建大块缺失（如被撕掉的一角）：用“标记斑点”涂抹的小撕裂、折痕、裂纹和划痕会用周围的画面填补，Clean-up 1x 只能减轻细小的灰尘斑点。它不修复面孔，面孔修复模型会被拒绝。它不给黑白照片上色：它们保持黑白。</translation>
    </message>
    <message>
        <source>Restore on a cluster</source>
        <translation>在集群上修复</translation>
    </message>
    <message>
        <source>Restore 4x, the model you start with, is for old photos and films: it calms grain and print texture while it enlarges, and JPEG blocks come out softer than with Faithful 4x (heavy ones stay visible); Restore 2x does the same for grainy or compressed films (for a clean master, use Faithful 2x). Faithful 4x and Faithful 2x only enlarge: they sharpen all that is in the scan, grain and JPEG blocks too, and take nothing out: for clean scans and archives. The Repair strength slider goes between the two, and the Restore models start at 75%: lower it where a restored face looks smoothed or painted (heavily compressed film does that), and grain and texture come back a little; at Strongest grain and compression are smoothed the most. Dust and scratches are not this slider&apos;s work: use Remove dust and specks or Mark Spots. The Detail strength slider makes edges and texture sharper: it blends in Restore Detail 4x or Detail 4x. Models of your own, or community models imported from the Models menu, are listed with them.</source>
        <translation>Restore 4x 是初始使用的模型，用于老照片和老影片：放大的同时减轻颗粒和相纸纹理，JPEG 块也比用 Faithful 4x 时柔和（严重的 JPEG 块仍然看得见）；Restore 2x 对颗粒多或压缩过的影片做同样的事（干净的母版请用 Faithful 2x）。Faithful 4x 和 Faithful 2x 只放大：扫描件中的一切都会被锐化，颗粒和 JPEG 块也不例外，且不去除任何内容：适用于干净的扫描件和档案。“修复强度”滑块在两者之间调节，Restore 模型从 75% 开始：修复后的面孔显得被抹平或像画出来的（高度压缩的影片会这样）时调低它，颗粒和纹理会略微回来；调到“最强”时颗粒和压缩痕迹被抹平得最多。灰尘和划痕不归这个滑块处理：请用“去除灰尘和斑点”或“标记斑点”。“细节强度”滑块使边缘和纹理更锐利：它混入 Restore Detail 4x 或 Detail 4x。你自己的模型，或从“模型”菜单导入的社区模型，也列在其中。</translation>
    </message>
    <message>
        <source>A folder of a film scanner&apos;s numbered DPX frames (frame_000001.dpx, frame_000002.dpx…), 24 frames or more, joins the queue as one film named after the folder, and is restored as a film is, into one film of that name. It runs at the rate its scanner wrote in the frames, or where they state none, at 24 frames a second; Sequence rate, under Films, sets another (23.976 or 24000/1001 for NTSC). A sequence with a number missing cannot be opened, and its row names the frame; with Allow gaps in frame sequences it is taken, and the frame before a gap stays on screen through it. The folder&apos;s other pictures stay photos, and so do numbered TIFF, PNG and JPEG pictures, which cameras and print scanners number too (the command line&apos;s restore-video takes them as a film); Restore as Photos, in the queue&apos;s right-click menu, queues a film&apos;s frames as photos instead.</source>
        <translation>胶片扫描仪按编号保存的一文件夹 DPX 帧（frame_000001.dpx、frame_000002.dpx…），达到 24 帧或以上时，会作为一部以该文件夹命名的影片加入队列，并像影片一样修复成一部同名影片。它按扫描仪写在帧中的帧率播放，帧中未记帧率时按每秒 24 帧播放；“影片”下的“序列帧率”可另设帧率（NTSC 用 23.976 或 24000/1001）。编号有缺失的序列无法打开，其所在行会指出缺失的帧；勾选“允许帧序列中有缺帧”后即可接受，缺口前的一帧会一直显示到缺口结束。文件夹中的其他图片仍作为照片，编号的 TIFF、PNG 和 JPEG 图片也一样，因为相机和照片扫描仪也会给它们编号（命令行的 restore-video 可将它们作为影片修复）；在队列的右键菜单中选择“作为照片修复”，可改为将影片的各帧作为照片加入队列。</translation>
    </message>
    <message>
        <source>Under Advanced, Restore on a cluster sends the work to a Ray cluster, and Cluster takes the address of its head (host:port, where ray start --head runs), checked as you type it. Films are cut into segments that the cluster&apos;s computers restore side by side; they read the film at the same path as this computer, so keep films in a folder they all share. Photos go one at a time to a remote cluster&apos;s workers and come back to be shown and saved here. local starts a cluster on this computer, for films only (local:N for N workers, one per GPU by default). Without Ray (pip install &apos;rekindle[cluster]&apos;) the setting is greyed out.</source>
        <translation>在“高级”下，“在集群上修复”把工作交给 Ray 集群，“集群”填写其主节点的地址（host:port，即运行 ray start --head 的机器），输入时即会检查。影片被切成若干段，由集群中的计算机同时修复；它们按与本机相同的路径读取影片，因此请把影片放在所有机器共享的文件夹中。照片一次一张交给远程集群的工作进程，修复后传回本机显示和保存。local 在本机启动一个集群，只用于影片（local:N 表示 N 个工作进程，默认每个 GPU 一个）。没有 Ray（pip install &apos;rekindle[cluster]&apos;）时此设置为灰色。</translation>
    </message>
    <message>
        <source>Saving: format and file names</source>
        <translation>保存：格式与文件名</translation>
    </message>
    <message>
        <source>Scans of several prints</source>
        <translation>包含多张相片的扫描件</translation>
    </message>
    <message>
        <source>Queue &gt; Split Scan into Prints cuts each print out of a scan of several laid on the scanner a little apart, straightens it and adds it to the queue; the scan itself is left as it is. Scan pale prints under a dark sheet so their edges stand out. A print photographed with a phone at an angle is flattened into its own shape the same way (on a wooden table too, when its edge shows all round: a white border or a dark cloth under it helps). Queue &gt; Turn Left and Turn Right put a print scanned on its side upright: a turned copy takes its place in the queue.</source>
        <translation>“队列 &gt; 拆分扫描件中的照片”会从一次扫描的多张相片（在扫描仪上彼此稍隔开摆放）中逐张裁出、摆正，并加入队列；扫描件本身保持不变。浅色相片请盖一张深色纸再扫描，使边缘清晰可辨。用手机斜着拍下的相片也会以同样方式被拉平，恢复相片本来的形状（放在木桌上也可以，只要相片四边都清晰可见：白边或垫一块深色布会有帮助）。“队列 &gt; 向左旋转”和“向右旋转”可把侧着扫描的相片转正：旋转后的副本会在队列中取代它。</translation>
    </message>
    <message>
        <source>Training on your own photos</source>
        <translation>用你自己的照片训练</translation>
    </message>
    <message>
        <source>What Rekindle does not do yet</source>
        <translation>Rekindle 目前还不能做的事</translation>
    </message>
    <message>
        <source>Rekindle Guide</source>
        <translation>Rekindle 指南</translation>
    </message>
</context>
<context>
    <name>Intake</name>
    <message>
        <source>Not read: {reasons}.</source>
        <translation>未能读取：{reasons}。</translation>
    </message>
    <message>
        <source>Open photos or films</source>
        <translation>打开照片或影片</translation>
    </message>
    <message>
        <source>Photos and films ({patterns})</source>
        <translation>照片和影片 ({patterns})</translation>
    </message>
    <message>
        <source>Open a folder of photos</source>
        <translation>打开照片文件夹</translation>
    </message>
    <message>
        <source>ONNX and NCNN models cannot be used; use the model&apos;s .pth or .safetensors file.</source>
        <translation>无法使用 ONNX 和 NCNN 模型；请使用该模型的 .pth 或 .safetensors 文件。</translation>
    </message>
    <message>
        <source>Looking for photos and films in {name}…</source>
        <translation>正在“{name}”中查找照片和影片…</translation>
    </message>
    <message>
        <source>Looking for photos and films in {count} folders…</source>
        <translation>正在 {count} 个文件夹中查找照片和影片…</translation>
    </message>
    <message>
        <source>{name} is not a photo or film that Rekindle opens (its row says why).</source>
        <translation>{name} 不是 Rekindle 能打开的照片或影片（原因见其所在行）。</translation>
    </message>
    <message>
        <source>{count} files are not photos or films that Rekindle opens (their rows say why).</source>
        <translation>{count} 个文件不是 Rekindle 能打开的照片或影片（原因见各自所在行）。</translation>
    </message>
    <message>
        <source>Left out {name} in the output folder {folder}: it is a result, not an original.</source>
        <translation>已略过输出文件夹 {folder} 中的 {name}：它是修复结果，不是原件。</translation>
    </message>
    <message>
        <source>Left out {count} files in the output folder {folder}: they are results, not originals.</source>
        <translation>已略过输出文件夹 {folder} 中的 {count} 个文件：它们是修复结果，不是原件。</translation>
    </message>
    <message>
        <source>Left out {name}: it is Rekindle&apos;s result of {source}, added too (to restore the result itself, add it on its own).</source>
        <translation>已略过 {name}：它是 Rekindle 由 {source} 修复的结果，而 {source} 也已添加（若要修复这个结果本身，请单独添加它）。</translation>
    </message>
    <message>
        <source>Left out {count} files that are Rekindle&apos;s results of photos added too (to restore a result itself, add it on its own).</source>
        <translation>已略过 {count} 个文件：它们是 Rekindle 由同时添加的照片修复的结果（若要修复某个结果本身，请单独添加它）。</translation>
    </message>
    <message>
        <source>A folder&apos;s numbered frames join as one film; Restore as Photos, in the queue&apos;s right-click menu, queues them as photos instead.</source>
        <translation>文件夹中按编号排列的帧会作为一部影片加入；在队列的右键菜单中选择“作为照片修复”，可改为将它们作为照片加入队列。</translation>
    </message>
    <message>
        <source>No new photos or films found (they may already be in the queue).</source>
        <translation>没有找到新的照片或影片（它们可能已在队列中）。</translation>
    </message>
    <message>
        <source>Added to the queue. Photos: {photos}, films: {films}.</source>
        <translation>已加入队列。照片：{photos}，影片：{films}。</translation>
    </message>
    <message>
        <source>Added 1 film to the queue.</source>
        <translation>已将 1 部影片加入队列。</translation>
    </message>
    <message>
        <source>Added {count} films to the queue.</source>
        <translation>已将 {count} 部影片加入队列。</translation>
    </message>
    <message>
        <source>Added 1 photo to the queue.</source>
        <translation>已将 1 张照片加入队列。</translation>
    </message>
    <message>
        <source>Added {count} photos to the queue.</source>
        <translation>已将 {count} 张照片加入队列。</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>there is not enough memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>unexpected error ({error}); details are in the log file</source>
        <translation>意外错误（{error}）；详情见日志文件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Removed 1 item — Undo ({shortcut})</source>
        <translation>已移除 1 项 — 撤销（{shortcut}）</translation>
    </message>
    <message>
        <source>Removed {count} items — Undo ({shortcut})</source>
        <translation>已移除 {count} 项 — 撤销（{shortcut}）</translation>
    </message>
    <message>
        <source>Cleared 1 item — Undo ({shortcut})</source>
        <translation>已清空 1 项 — 撤销（{shortcut}）</translation>
    </message>
    <message>
        <source>Cleared {count} items — Undo ({shortcut})</source>
        <translation>已清空 {count} 项 — 撤销（{shortcut}）</translation>
    </message>
    <message>
        <source>Queued the frames of 1 film as photos — Undo ({shortcut}) puts it back</source>
        <translation>已将 1 部影片的各帧作为照片加入队列 — 撤销（{shortcut}）可将其放回</translation>
    </message>
    <message>
        <source>Queued the frames of {count} films as photos — Undo ({shortcut}) puts them back</source>
        <translation>已将 {count} 部影片的各帧作为照片加入队列 — 撤销（{shortcut}）可将其放回</translation>
    </message>
    <message>
        <source>{name} is being restored, so its turned copy did not take its place: the copy is {copy}.</source>
        <translation>{name} 正在修复，因此旋转后的副本没有替换它：副本位于 {copy}。</translation>
    </message>
    <message>
        <source>{name} is in the queue already.</source>
        <translation>{name} 已在队列中。</translation>
    </message>
    <message>
        <source>Turned: the turned copy takes the photo&apos;s place — Undo ({shortcut})</source>
        <translation>已旋转：旋转后的副本取代了原照片 — 撤销（{shortcut}）</translation>
    </message>
    <message>
        <source>Not undone: {name} is being restored, or its result is not saved.</source>
        <translation>未撤销：{name} 正在修复，或其结果尚未保存。</translation>
    </message>
    <message>
        <source>Put back {count} items.</source>
        <translation>已放回 {count} 项。</translation>
    </message>
    <message>
        <source>Put back 1 item.</source>
        <translation>已放回 1 项。</translation>
    </message>
    <message>
        <source>{name} is in the queue again, with work of its own: left as it is.</source>
        <translation>{name} 已再次加入队列，且有自己的处理结果：保持不变。</translation>
    </message>
    <message>
        <source>While marking spots</source>
        <translation>标记斑点时</translation>
    </message>
    <message>
        <source>In the viewer</source>
        <translation>在查看器中</translation>
    </message>
    <message>
        <source>Settings will not be remembered: {file} cannot be written.</source>
        <translation>设置将不会被记住：无法写入 {file}。</translation>
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
        <source>Saving did not start: {reason}.</source>
        <translation>未开始保存：{reason}。</translation>
    </message>
    <message>
        <source>Already saved in the format and output folder chosen: nothing new to write.</source>
        <translation>已按所选格式保存在所选输出文件夹中，无需再次写入。</translation>
    </message>
    <message>
        <source>1 photo could not be saved (its row says why).</source>
        <translation>有 1 张照片未能保存（原因见其所在行）。</translation>
    </message>
    <message>
        <source>{count} photos could not be saved (their rows say why).</source>
        <translation>有 {count} 张照片未能保存（原因见各自所在行）。</translation>
    </message>
    <message>
        <source>Your model {name} is ready and selected.</source>
        <translation>您的模型 {name} 已就绪并已选中。</translation>
    </message>
    <message>
        <source>Import Models</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>Models ({patterns})</source>
        <translation>模型 ({patterns})</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Checking {count} model files…</source>
        <translation>正在检查 {count} 个模型文件…</translation>
    </message>
    <message>
        <source>Imported {name}: it is ready and selected.</source>
        <translation>已导入 {name}：已就绪并已选中。</translation>
    </message>
    <message>
        <source>Imported {count} models; {name} is selected.</source>
        <translation>已导入 {count} 个模型，已选中 {name}。</translation>
    </message>
    <message>
        <source>{name} is among your models already, as {model}: it is selected.</source>
        <translation>{name} 已在您的模型中，即 {model}：已选中它。</translation>
    </message>
    <message>
        <source>{count} files are among your models already; {model} is selected.</source>
        <translation>有 {count} 个文件已在您的模型中，已选中 {model}。</translation>
    </message>
    <message>
        <source>{name} is among your models already, as {model}.</source>
        <translation>{name} 已在您的模型中，即 {model}。</translation>
    </message>
    <message>
        <source>{count} files are among your models already.</source>
        <translation>有 {count} 个文件已在您的模型中。</translation>
    </message>
    <message>
        <source>This file was not imported:</source>
        <translation>此文件未导入：</translation>
    </message>
    <message>
        <source>Not imported: {reason}</source>
        <translation>未导入：{reason}</translation>
    </message>
    <message>
        <source>These files were not imported:</source>
        <translation>以下文件未导入：</translation>
    </message>
    <message>
        <source>Files not imported: {count}.</source>
        <translation>未导入的文件：{count} 个。</translation>
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
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Put back the photos and films last removed, or the photo last turned</source>
        <translation>放回最近移除的照片和影片，或撤回最近一次旋转</translation>
    </message>
    <message>
        <source>Paint over a photo&apos;s dust, scratches and tears, or what stays put on every frame of a film, to be filled in from around them before it is restored</source>
        <translation>涂抹照片的灰尘、划痕和破损，或影片每一帧上都不动的东西，修复前会用周围的画面把它们填补</translation>
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
        <source>Show in &amp;Folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>修复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Restore the selected photos and films</source>
        <translation>修复选中的照片和影片</translation>
    </message>
    <message>
        <source>Restore &amp;All</source>
        <translation>全部修复(&amp;A)</translation>
    </message>
    <message>
        <source>Restore every photo and film in the queue</source>
        <translation>修复队列中的所有照片和影片</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Restore the part of the photo in view, or the film&apos;s frame on screen, with these settings, to judge them before the whole</source>
        <translation>用当前设置修复照片当前可见的部分或屏幕上的影片帧，以便在处理全部之前先评估效果</translation>
    </message>
    <message>
        <source>&amp;Mark Spots</source>
        <translation>标记斑点(&amp;M)</translation>
    </message>
    <message>
        <source>Mark Spots</source>
        <translation>标记斑点</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Set I&amp;n</source>
        <translation>设置入点(&amp;N)</translation>
    </message>
    <message>
        <source>Start the part of the film to restore at the frame shown</source>
        <translation>要修复的影片片段从当前显示的帧开始</translation>
    </message>
    <message>
        <source>Set &amp;Out</source>
        <translation>设置出点(&amp;O)</translation>
    </message>
    <message>
        <source>End the part of the film to restore with the frame shown: that frame is its last, restored too</source>
        <translation>要修复的影片片段在当前显示的帧结束：该帧是片段的最后一帧，也会被修复</translation>
    </message>
    <message>
        <source>Clear In/Ou&amp;t</source>
        <translation>清除入点/出点(&amp;T)</translation>
    </message>
    <message>
        <source>Clear the In and Out marks: the whole film is restored</source>
        <translation>清除入点和出点标记：修复整部影片</translation>
    </message>
    <message>
        <source>Save every restored photo not saved yet in the format and folder chosen</source>
        <translation>按所选格式和文件夹保存所有尚未这样保存的已修复照片</translation>
    </message>
    <message>
        <source>Save &amp;Comparison</source>
        <translation>保存对比图(&amp;C)</translation>
    </message>
    <message>
        <source>Save the photo on show as one before-and-after picture, split where the slider stands, in the output folder</source>
        <translation>把当前显示的照片保存为一张修复前后的对比图（在滑块所在处分开），存入输出文件夹</translation>
    </message>
    <message>
        <source>Spl&amp;it Scan into Prints</source>
        <translation>拆分扫描件中的照片(&amp;I)</translation>
    </message>
    <message>
        <source>Cut a scan of several prints into one straight photo per print, or flatten a print photographed at an angle, added to the queue (the scan is left as it is)</source>
        <translation>把一张扫描了多张照片的扫描件拆成每张照片一个文件并摆正，或把斜着拍下的相片拉平，然后加入队列（扫描件本身保持不变）</translation>
    </message>
    <message>
        <source>Turn &amp;Left</source>
        <translation>向左旋转(&amp;L)</translation>
    </message>
    <message>
        <source>Turn the selected photos a quarter turn anticlockwise: a turned copy takes each one&apos;s place in the queue (the photo is left as it is)</source>
        <translation>把所选照片逆时针旋转 90 度：旋转后的副本在队列中取代原照片（原照片保持不变）</translation>
    </message>
    <message>
        <source>Turn Ri&amp;ght</source>
        <translation>向右旋转(&amp;G)</translation>
    </message>
    <message>
        <source>Turn the selected photos a quarter turn clockwise: a turned copy takes each one&apos;s place in the queue (the photo is left as it is)</source>
        <translation>把所选照片顺时针旋转 90 度：旋转后的副本在队列中取代原照片（原照片保持不变）</translation>
    </message>
    <message>
        <source>Restore as &amp;Photos</source>
        <translation>作为照片修复(&amp;P)</translation>
    </message>
    <message>
        <source>Queue the frames of the selected frame sequences as photos, each restored on its own, in place of the film they were taken for (Undo puts the film back)</source>
        <translation>将所选帧序列的各帧作为照片加入队列，逐张单独修复，取代原先识别出的影片（撤销可放回影片）</translation>
    </message>
    <message>
        <source>Remo&amp;ve from Queue</source>
        <translation>从队列中移除(&amp;V)</translation>
    </message>
    <message>
        <source>Cl&amp;ear Queue</source>
        <translation>清空队列(&amp;E)</translation>
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
        <source>Rekindle &amp;Guide</source>
        <translation>Rekindle 指南(&amp;G)</translation>
    </message>
    <message>
        <source>What each choice does and when to use it, and what is not done yet</source>
        <translation>每个选项的作用和适用场合，以及尚未支持的功能</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Rekindle</source>
        <translation>关于 Rekindle(&amp;A)</translation>
    </message>
    <message>
        <source>More toolbar buttons</source>
        <translation>更多工具栏按钮</translation>
    </message>
    <message>
        <source>&amp;Train on My Collection…</source>
        <translation>用我的照片训练(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Import Model…</source>
        <translation>导入模型(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Manage Models…</source>
        <translation>管理模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Open Models &amp;Folder</source>
        <translation>打开模型文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Photos or Films…</source>
        <translation>打开照片或影片(&amp;O)…</translation>
    </message>
    <message>
        <source>Add photos or films to the queue</source>
        <translation>将照片或影片加入队列</translation>
    </message>
    <message>
        <source>Save the selected restored photos</source>
        <translation>保存选中的已修复照片</translation>
    </message>
    <message>
        <source>Show the folder restored photos are saved in</source>
        <translation>打开保存修复照片的文件夹</translation>
    </message>
    <message>
        <source>Stop restoring</source>
        <translation>停止修复</translation>
    </message>
    <message>
        <source>Open the folder of the restored file (or of the original, before it is saved)</source>
        <translation>打开修复后文件所在的文件夹（保存之前则是原图所在的文件夹）</translation>
    </message>
    <message>
        <source>Make a model of your own from a folder of good photos</source>
        <translation>用一个文件夹里的优质照片训练您自己的模型</translation>
    </message>
    <message>
        <source>Add a model file (.safetensors, .pth, .pt, .ckpt) to your models</source>
        <translation>将模型文件（.safetensors、.pth、.pt、.ckpt）添加到您的模型中</translation>
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
        <source>Preview</source>
        <translation>预览</translation>
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
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
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
</context>
<context>
    <name>MarkingBar</name>
    <message>
        <source>Paint over what stays put on every frame; the right button erases.</source>
        <translation>涂抹每一帧上都不动的东西；右键擦除。</translation>
    </message>
    <message>
        <source>Paint over dust and scratches; the right button erases.</source>
        <translation>涂抹灰尘和划痕；右键擦除。</translation>
    </message>
    <message>
        <source>What you paint is filled in from the picture around it before the photo is restored. The right button (or Alt) erases; hold Space, or use the middle button, to move the photo.</source>
        <translation>照片修复前，涂抹之处会用周围的画面填补。右键（或 Alt）擦除；按住空格键或用鼠标中键移动照片。</translation>
    </message>
    <message>
        <source>Once you mark a photo, even if you then erase every mark, Remove dust and specks no longer searches it: only what you marked is filled. Find Spots marks what that search would find, for you to look over.</source>
        <translation>照片一旦标记过（即使之后把标记全部擦除），“去除灰尘和斑点”就不再搜索它：只填补你标记的地方。“查找斑点”会标出该搜索会找到的地方，供你查看。</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>The brush&apos;s size ([ and ] change it)</source>
        <translation>画笔大小（[ 和 ] 可调整）</translation>
    </message>
    <message>
        <source>Find Spots</source>
        <translation>查找斑点</translation>
    </message>
    <message>
        <source>Mark the dust and specks Remove dust and specks would find on the photo: erase any that belong to it</source>
        <translation>标记“去除灰尘和斑点”会在照片上找到的灰尘和斑点：属于画面本身的请擦除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Take again what Undo took back</source>
        <translation>重新执行撤销所取消的操作</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Erase every mark on the photo</source>
        <translation>擦除照片上的所有标记</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Keep the marks and stop marking</source>
        <translation>保留标记并结束标记</translation>
    </message>
</context>
<context>
    <name>ModelImport</name>
    <message>
        <source>{name}: cannot be copied ({reason})</source>
        <translation>{name}：无法复制（{reason}）</translation>
    </message>
    <message>
        <source>{name}: not enough memory to load it</source>
        <translation>{name}：内存不足，无法加载</translation>
    </message>
    <message>
        <source>{name}: unexpected error ({error}); details are in the log file</source>
        <translation>{name}：意外错误（{error}），详情见日志文件</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>{name}: built-in models cannot be removed</source>
        <translation>{name}：内置模型无法移除</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <source>cannot be used</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>trained in the wizard</source>
        <translation>向导训练</translation>
    </message>
    <message>
        <source>Built-in models cannot be removed.</source>
        <translation>内置模型无法移除。</translation>
    </message>
    <message>
        <source>Trained on: {folder}</source>
        <translation>训练素材：{folder}</translation>
    </message>
    <message>
        <source>Trained on: {folder} (1 photo)</source>
        <translation>训练素材：{folder}（1 张照片）</translation>
    </message>
    <message>
        <source>Trained on: {folder} ({count} photos)</source>
        <translation>训练素材：{folder}（{count} 张照片）</translation>
    </message>
    <message>
        <source>Remove Model</source>
        <translation>移除模型</translation>
    </message>
    <message>
        <source>Remove {name}? Its file {file} is deleted from your models folder.</source>
        <translation>移除 {name}？其文件 {file} 将从您的模型文件夹中删除。</translation>
    </message>
    <message>
        <source>{name} could not be removed: {reason}</source>
        <translation>无法移除 {name}：{reason}</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The models Rekindle restores with. The built-in ones come with it; the ones you import or train are kept in your models folder, and can be removed.</source>
        <translation>Rekindle 用于修复的模型。内置模型随软件提供；你导入或训练的模型保存在你的模型文件夹中，可以删除。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>倍数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
</context>
<context>
    <name>OutputSizeField</name>
    <message>
        <source>→ {width} × {height} px, {megapixels} MP</source>
        <translation>→ {width} × {height} 像素，{megapixels} 百万像素</translation>
    </message>
    <message>
        <source>Films keep the model&apos;s scale.</source>
        <translation>影片保持模型自身的倍数。</translation>
    </message>
    <message>
        <source>→ {width} × {height} px, shown {shown_width} × {shown_height}, {megapixels} MP</source>
        <translation>→ {width} × {height} 像素，显示为 {shown_width} × {shown_height}，{megapixels} 百万像素</translation>
    </message>
    <message>
        <source>How large restored photos are: the model&apos;s own scale or another, the longer side in pixels, or a print&apos;s size at a resolution. A size in pixels or print is for photos; films keep the model&apos;s scale.</source>
        <translation>修复后照片的大小：模型自身的倍数或其他倍数、长边的像素数，或指定分辨率下的冲印尺寸。像素尺寸和冲印尺寸只用于照片；影片保持模型自身的倍数。</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Print width</source>
        <translation>冲印宽度</translation>
    </message>
    <message>
        <source>Print height</source>
        <translation>冲印高度</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>cm</source>
        <translation>厘米</translation>
    </message>
    <message>
        <source>in</source>
        <translation>英寸</translation>
    </message>
    <message>
        <source>The model&apos;s own ({scale}×)</source>
        <translation>模型自身（{scale}×）</translation>
    </message>
    <message>
        <source>The model&apos;s own</source>
        <translation>模型自身倍数</translation>
    </message>
    <message>
        <source>Long side in pixels</source>
        <translation>长边像素数</translation>
    </message>
    <message>
        <source>Print size</source>
        <translation>冲印尺寸</translation>
    </message>
</context>
<context>
    <name>PartPreview</name>
    <message>
        <source>Previewing the part in view…</source>
        <translation>正在预览可见部分…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Preview of the part in view with {model}: Restore does the whole photo.</source>
        <translation>已用 {model} 预览可见部分：点“修复”处理整张照片。</translation>
    </message>
    <message>
        <source>Previewing the photo…</source>
        <translation>正在预览整张照片…</translation>
    </message>
    <message>
        <source>Previewing the middle of the photo…</source>
        <translation>正在预览照片中间部分…</translation>
    </message>
    <message>
        <source>Previewing the middle of the part in view…</source>
        <translation>正在预览可见部分的中间…</translation>
    </message>
    <message>
        <source>Preview of the whole photo with {model}: Restore makes a result you can save.</source>
        <translation>已用 {model} 预览整张照片：点“修复”生成可以保存的结果。</translation>
    </message>
    <message>
        <source>Preview of the middle of the photo with {model}: Restore does the whole photo.</source>
        <translation>已用 {model} 预览照片中间部分：点“修复”处理整张照片。</translation>
    </message>
    <message>
        <source>Preview of the middle of the part in view with {model}: Restore does the whole photo.</source>
        <translation>已用 {model} 预览可见部分的中间：点“修复”处理整张照片。</translation>
    </message>
    <message>
        <source>Preview failed: {reason}</source>
        <translation>预览失败：{reason}</translation>
    </message>
</context>
<context>
    <name>PatternEdit</name>
    <message>
        <source>Not used: {reason}</source>
        <translation>未采用：{reason}</translation>
    </message>
</context>
<context>
    <name>PhotoView</name>
    <message>
        <source>Drop photos, films or folders here,
or open them with {shortcut}.</source>
        <translation>将照片、影片或文件夹拖放到这里，
或按 {shortcut} 打开。</translation>
    </message>
    <message>
        <source>No models are installed yet, so photos cannot be restored.</source>
        <translation>尚未安装任何模型，因此无法修复照片。</translation>
    </message>
    <message>
        <source>{name} changed on disk after it was restored: Restore again for a result of the photo as it is now.</source>
        <translation>{name} 在修复之后在磁盘上被更改：再次修复可得到这张照片现在样子的结果。</translation>
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
        <source>The restored photo cannot be shown: {reason}</source>
        <translation>无法显示修复后的照片：{reason}</translation>
    </message>
</context>
<context>
    <name>PreparationPage</name>
    <message>
        <source>No built-in {scale}× model is installed, so training starts from scratch.</source>
        <translation>没有安装内置的 {scale}× 模型，因此将从头开始训练。</translation>
    </message>
    <message>
        <source>Starting from the built-in model is recommended: it already knows how to enlarge photos and only has to learn what is special about yours.</source>
        <translation>建议从内置模型开始：它已经会放大照片，只需学习您的照片有何特别之处。</translation>
    </message>
    <message>
        <source>The choices changed: prepare the pairs again.</source>
        <translation>选项已更改：请重新准备训练样本对。</translation>
    </message>
    <message>
        <source>less than a minute on this {device}</source>
        <translation>在此 {device} 上不到一分钟</translation>
    </message>
    <message>
        <source>about {duration} on this {device}</source>
        <translation>在此 {device} 上约需 {duration}</translation>
    </message>
    <message>
        <source>measuring the time on this {device}…</source>
        <translation>正在测量在此 {device} 上所需的时间…</translation>
    </message>
    <message>
        <source>no estimate</source>
        <translation>无法估计</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Mac&apos;s GPU</source>
        <translation>Mac 的 GPU</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} 小时 {minutes:02d} 分</translation>
    </message>
    <message>
        <source>{folder} cannot be found any more (was its drive disconnected?). Reconnect it, or go Back and choose the folder again.</source>
        <translation>找不到 {folder} 了（它所在的驱动器是否已断开？）。请重新连接，或点“上一步”重新选择该文件夹。</translation>
    </message>
    <message>
        <source>Packing your photos…</source>
        <translation>正在打包你的照片…</translation>
    </message>
    <message>
        <source>Making the training pairs…</source>
        <translation>正在制作训练样本对…</translation>
    </message>
    <message>
        <source>%p% · {photo} · {left}</source>
        <translation>%p% · {photo} · {left}</translation>
    </message>
    <message>
        <source>%p% · {left}</source>
        <translation>%p% · {left}</translation>
    </message>
    <message>
        <source>Your folder changed since it was read (photos were added or taken away): reading it again…</source>
        <translation>你的文件夹在读取后发生了变化（添加或移走了照片）：正在重新读取…</translation>
    </message>
    <message>
        <source>{photos} photos packed: training cuts new crops from them at every step. Ready to train.</source>
        <translation>已打包 {photos} 张照片：训练时每一步都从中裁取新的样本。可以开始训练了。</translation>
    </message>
    <message>
        <source>{pairs} training pairs made from {photos} photos. Ready to train.</source>
        <translation>已从 {photos} 张照片制作 {pairs} 个训练样本对，可以开始训练。</translation>
    </message>
    <message>
        <source>Your folder had changed since it was read, so it was read again and the photos kept aside to measure progress were chosen afresh.</source>
        <translation>你的文件夹在读取后发生了变化，因此已重新读取，并重新挑选了留出用于衡量进度的照片。</translation>
    </message>
    <message>
        <source>The photos could not be packed: {reason}</source>
        <translation>无法打包这些照片：{reason}</translation>
    </message>
    <message>
        <source>The pairs could not be made: {reason}</source>
        <translation>无法制作训练样本对：{reason}</translation>
    </message>
    <message>
        <source>made blurry</source>
        <translation>模糊化后</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>How to train</source>
        <translation>训练方式</translation>
    </message>
    <message>
        <source>Pick how long to train, then make the training pairs from your photos.</source>
        <translation>选择训练时长，然后用您的照片制作训练样本对。</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Training length</source>
        <translation>训练时长</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Enlargement</source>
        <translation>放大倍数</translation>
    </message>
    <message>
        <source>Old-photo damage</source>
        <translation>老照片损伤</translation>
    </message>
    <message>
        <source>Learn to repair it</source>
        <translation>学习修复这些损伤</translation>
    </message>
    <message>
        <source>Simulate grain, softness, print texture, JPEG and dust</source>
        <translation>模拟颗粒、柔化、印刷纹理、JPEG 和灰尘</translation>
    </message>
    <message>
        <source>The blurry copies also get the damage of real old photos and films, so the model learns to repair it as well as to enlarge. Colours are left alone: Fix faded colours does that.</source>
        <translation>模糊副本还会带上真实老照片和老电影的损伤，让模型在放大的同时学会修复。颜色保持不变：那是“修复褪色”的工作。</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>The built-in model (recommended)</source>
        <translation>内置模型（推荐）</translation>
    </message>
    <message>
        <source>Scratch</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>Prepare Training Pairs</source>
        <translation>准备训练样本对</translation>
    </message>
    <message>
        <source>Not prepared yet. Prepare Training Pairs makes them from your photos with the options above; then Start Training begins.</source>
        <translation>尚未准备。“准备训练样本对”会按上面的选项从你的照片制作训练样本对；然后点击“开始训练”。</translation>
    </message>
    <message>
        <source>A few of the pairs</source>
        <translation>部分训练样本对</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Quick</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>A first try: the model learns a little about your photos.</source>
        <translation>初次尝试：模型对您的照片略作学习。</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Recommended: a good balance of time and quality.</source>
        <translation>推荐：时间与质量的良好平衡。</translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation>充分</translation>
    </message>
    <message>
        <source>The best results, for a run left going for hours.</source>
        <translation>效果最好，适合让训练运行数小时。</translation>
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
        <source>Frame {done} / {total} · {left}</source>
        <translation>第 {done} / {total} 帧 · {left}</translation>
    </message>
    <message>
        <source>Restoring {percent}% · {left}</source>
        <translation>正在修复 {percent}% · {left}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>no sign of fading, colours kept</source>
        <translation>没有褪色迹象，保留原色</translation>
    </message>
    <message>
        <source>only page 1 of {pages} restored</source>
        <translation>共 {pages} 页，只修复了第 1 页</translation>
    </message>
    <message>
        <source>spots marked before were not used: the photo&apos;s size changed</source>
        <translation>之前标记的斑点未被使用：照片尺寸已改变</translation>
    </message>
    <message>
        <source>Cancelled at frame {done} / {total}; the settings changed, so Restore starts over</source>
        <translation>已在第 {done} / {total} 帧取消；设置已更改，再次修复将从头开始</translation>
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
        <source>{saved} · damaged in the source: frame {frames}</source>
        <translation>{saved} · 源文件中受损的帧：{frames}</translation>
    </message>
    <message>
        <source>Restored to {width} × {height} with {model}</source>
        <translation>已用 {model} 修复为 {width} × {height}</translation>
    </message>
    <message>
        <source>Saved 1 {format} frame in {folder}</source>
        <translation>已保存 1 个 {format} 帧到 {folder}</translation>
    </message>
    <message>
        <source>Saved {count} {format} frames in {folder}</source>
        <translation>已保存 {count} 个 {format} 帧到 {folder}</translation>
    </message>
    <message>
        <source>1 frame</source>
        <translation>1 帧</translation>
    </message>
    <message>
        <source>{count} frames</source>
        <translation>{count} 帧</translation>
    </message>
    <message>
        <source>part {start}–{end}</source>
        <translation>片段 {start}–{end}</translation>
    </message>
    <message>
        <source>shown {width} × {height}</source>
        <translation>显示为 {width} × {height}</translation>
    </message>
    <message>
        <source>{rate} fps</source>
        <translation>{rate} 帧/秒</translation>
    </message>
    <message>
        <source>telecined film</source>
        <translation>电视电影转换的胶片</translation>
    </message>
    <message>
        <source>whole frames in fields</source>
        <translation>以场存放的完整帧</translation>
    </message>
    <message>
        <source>interlaced</source>
        <translation>隔行扫描</translation>
    </message>
    <message>
        <source>spots marked</source>
        <translation>已标记斑点</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>失败：{reason}</translation>
    </message>
    <message>
        <source>Cancelled at frame {done} / {total}; Restore continues from there</source>
        <translation>已在第 {done} / {total} 帧取消；再次修复将从这里继续</translation>
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
    <name>QueueReading</name>
    <message>
        <source>not found; it may have been moved, or be on a drive that is not plugged in</source>
        <translation>找不到文件；它可能已被移动，或位于未接入的驱动器上</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>No photos yet</source>
        <translation>还没有照片</translation>
    </message>
    <message>
        <source>Drop photos or folders here to add them.</source>
        <translation>把照片或文件夹拖到这里即可添加。</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>Photos and films being restored or waiting: {count}.</source>
        <translation>正在修复或等待修复的照片和影片：{count} 个。</translation>
    </message>
    <message>
        <source>Restoring stops, and they stay in the queue to be restored another time.</source>
        <translation>修复将停止，它们会留在队列中，留待以后修复。</translation>
    </message>
    <message>
        <source>Restored photos that are not saved: {count}.</source>
        <translation>有 {count} 张已修复的照片尚未保存。</translation>
    </message>
    <message>
        <source>Restored photos removed from the queue that are not saved (Undo puts them back): {count}.</source>
        <translation>有 {count} 张已修复但尚未保存的照片已从队列中移除（撤销可将其放回）。</translation>
    </message>
    <message>
        <source>Restorations that are not saved are lost.</source>
        <translation>未保存的修复结果将会丢失。</translation>
    </message>
    <message>
        <source>The queue comes back the next time Rekindle starts, with the results that were saved.</source>
        <translation>下次启动 Rekindle 时，队列会恢复，已保存的结果也会一并恢复。</translation>
    </message>
    <message>
        <source>Quit anyway?</source>
        <translation>仍要退出吗？</translation>
    </message>
    <message>
        <source>Quit Rekindle</source>
        <translation>退出 Rekindle</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>No recent photos or folders</source>
        <translation>没有最近打开的照片或文件夹</translation>
    </message>
    <message>
        <source>&amp;Clear Recent</source>
        <translation>清除最近记录(&amp;C)</translation>
    </message>
    <message>
        <source>{path} (not found)</source>
        <translation>{path}（找不到）</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RecipeTitle</name>
    <message>
        <source>repair {percent}%</source>
        <translation>修复 {percent}%</translation>
    </message>
    <message>
        <source>detail {percent}%</source>
        <translation>细节 {percent}%</translation>
    </message>
    <message>
        <source>grain added {percent}%</source>
        <translation>加入颗粒 {percent}%</translation>
    </message>
    <message>
        <source>long side {pixels} px</source>
        <translation>长边 {pixels} 像素</translation>
    </message>
    <message>
        <source>print {short} × {long} mm at {dpi} dpi</source>
        <translation>冲印 {short} × {long} 毫米，{dpi} dpi</translation>
    </message>
    <message>
        <source>size {scale}×</source>
        <translation>尺寸 {scale}×</translation>
    </message>
    <message>
        <source>faded colours fixed</source>
        <translation>已修复褪色</translation>
    </message>
    <message>
        <source>no sign of fading, colours kept</source>
        <translation>没有褪色迹象，保留原色</translation>
    </message>
    <message>
        <source>faded colours fixed where found</source>
        <translation>发现褪色处已修复</translation>
    </message>
    <message>
        <source>extra care</source>
        <translation>精细模式</translation>
    </message>
    <message>
        <source>dust and specks removed</source>
        <translation>已去除灰尘和斑点</translation>
    </message>
    <message>
        <source>marked spots removed</source>
        <translation>已去除标记的斑点</translation>
    </message>
    <message>
        <source>dust and dirt removed</source>
        <translation>已去除灰尘和污渍</translation>
    </message>
    <message>
        <source>grain calmed</source>
        <translation>已减轻颗粒</translation>
    </message>
    <message>
        <source>flicker evened out</source>
        <translation>已消除闪烁</translation>
    </message>
    <message>
        <source>picture steadied</source>
        <translation>已稳定画面</translation>
    </message>
    <message>
        <source>repeated frames smoothed</source>
        <translation>已平滑重复帧</translation>
    </message>
</context>
<context>
    <name>RestoreRunner</name>
    <message>
        <source>not started: {reason}</source>
        <translation>未开始：{reason}</translation>
    </message>
</context>
<context>
    <name>RunBars</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Film: %p% · {fps} fps · {left}</source>
        <translation>当前影片：%p% · {fps} 帧/秒 · {left}</translation>
    </message>
    <message>
        <source>Film: %p% · {left}</source>
        <translation>当前影片：%p% · {left}</translation>
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
        <source>Photo or film being restored</source>
        <translation>正在修复的照片或影片</translation>
    </message>
    <message>
        <source>Whole queue</source>
        <translation>整个队列</translation>
    </message>
</context>
<context>
    <name>RunControl</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Preview cancelled.</source>
        <translation>已取消预览。</translation>
    </message>
    <message>
        <source>No model is installed, so nothing can be restored yet.</source>
        <translation>尚未安装模型，暂时无法修复照片。</translation>
    </message>
    <message>
        <source>Looking for results made before…</source>
        <translation>正在查找以前制作的结果…</translation>
    </message>
    <message>
        <source>Restoring once {name} is read…</source>
        <translation>读取完 {name} 后开始修复…</translation>
    </message>
    <message>
        <source>Restoring once {count} photos are read…</source>
        <translation>读取完 {count} 张照片后开始修复…</translation>
    </message>
    <message>
        <source>Restoring did not start: {reason}.</source>
        <translation>未开始修复：{reason}。</translation>
    </message>
    <message>
        <source>Restoring cancelled.</source>
        <translation>已取消修复。</translation>
    </message>
    <message>
        <source>{name} has a part marked with In and Out, and a cluster restores whole films: clear its marks (Clear In/Out) or turn off Restore on a cluster, under Processing</source>
        <translation>{name} 用入点和出点标记了一个片段，而集群只修复整部影片：请清除其标记（清除入点/出点），或在“处理”下关闭“在集群上修复”</translation>
    </message>
    <message>
        <source>Restored {name}.</source>
        <translation>已修复 {name}。</translation>
    </message>
    <message>
        <source>{name} could not be restored again ({reason}); its earlier result stays.</source>
        <translation>{name} 无法再次修复（{reason}）；保留之前的结果。</translation>
    </message>
    <message>
        <source>{problem}. Restoring stops: no more photos are restored while their results cannot be saved.</source>
        <translation>{problem}。修复已停止：结果无法保存期间不再修复更多照片。</translation>
    </message>
    <message>
        <source>The model could not be loaded: {reason}</source>
        <translation>无法加载模型：{reason}</translation>
    </message>
    <message>
        <source>Restoring stopped.</source>
        <translation>修复已停止。</translation>
    </message>
    <message>
        <source>Restored {things}.</source>
        <translation>已修复 {things}。</translation>
    </message>
    <message>
        <source>Used the results made before for {things}.</source>
        <translation>{things}沿用了之前的修复结果。</translation>
    </message>
    <message>
        <source>Could not save {things}.</source>
        <translation>无法保存 {things}。</translation>
    </message>
    <message>
        <source>Could not restore {things}.</source>
        <translation>无法修复 {things}。</translation>
    </message>
    <message>
        <source>Cancelled before restoring {things}.</source>
        <translation>已取消，{things}未修复。</translation>
    </message>
    <message>
        <source>Could not open {things}.</source>
        <translation>无法打开 {things}。</translation>
    </message>
    <message>
        <source>Skipped {things} taken out of the queue.</source>
        <translation>已跳过从队列中移除的 {things}。</translation>
    </message>
    <message>
        <source>Nothing was restored.</source>
        <translation>没有修复任何内容。</translation>
    </message>
    <message>
        <source>1 film</source>
        <translation>1 部影片</translation>
    </message>
    <message>
        <source>{count} films</source>
        <translation>{count} 部影片</translation>
    </message>
    <message>
        <source>1 photo</source>
        <translation>1 张照片</translation>
    </message>
    <message>
        <source>{count} photos</source>
        <translation>{count} 张照片</translation>
    </message>
    <message>
        <source>{photos} and {films}</source>
        <translation>{photos}和 {films}</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 个文件</translation>
    </message>
    <message>
        <source>{count} files</source>
        <translation>{count} 个文件</translation>
    </message>
    <message>
        <source>{problem}. Plug the drive in or choose another output folder, then use Save All for the photos restored and Restore All for those stopped.</source>
        <translation>{problem}。请插入驱动器或选择其他输出文件夹，然后对已修复的照片使用“全部保存”，对被停止的照片使用“全部修复”。</translation>
    </message>
    <message>
        <source>{problem}. Plug the drive in or choose another output folder, then use Save All.</source>
        <translation>{problem}。请接上该驱动器或选择其他输出文件夹，然后使用“全部保存”。</translation>
    </message>
    <message>
        <source>{problem}. Make room or choose another output folder, then use Save All for the photos restored and Restore All for those stopped.</source>
        <translation>{problem}。请腾出空间或选择其他输出文件夹，然后对已修复的照片使用“全部保存”，对被停止的照片使用“全部修复”。</translation>
    </message>
    <message>
        <source>{problem}. Once that is put right, use Save All for the photos restored and Restore All for those stopped.</source>
        <translation>{problem}。解决此问题后，请对已修复的照片使用“全部保存”，对被停止的照片使用“全部修复”。</translation>
    </message>
    <message>
        <source>{problem}. Make room or choose another output folder, then use Save All.</source>
        <translation>{problem}。请腾出空间或选择其他输出文件夹，然后使用“全部保存”。</translation>
    </message>
    <message>
        <source>{problem}. Once that is put right, use Save All.</source>
        <translation>{problem}。问题解决后，请使用“全部保存”。</translation>
    </message>
</context>
<context>
    <name>ScanSplit</name>
    <message>
        <source>{name} is being split: its prints join the queue soon.</source>
        <translation>{name} 正在拆分：其照片稍后将加入队列。</translation>
    </message>
    <message>
        <source>The prints of {name} are in the queue already.</source>
        <translation>{name} 的照片已在队列中。</translation>
    </message>
    <message>
        <source>Looking for the prints on {name}…</source>
        <translation>正在 {name} 上查找照片…</translation>
    </message>
    <message>
        <source>{name}: 1 print cut out and added to the queue</source>
        <translation>{name}：已裁出 1 张照片并加入队列</translation>
    </message>
    <message>
        <source>{name}: {count} prints cut out and added to the queue</source>
        <translation>{name}：已裁出 {count} 张照片并加入队列</translation>
    </message>
    <message>
        <source>{name} ({reason})</source>
        <translation>{name}（{reason}）</translation>
    </message>
    <message>
        <source>{name} could not be split: {reason}</source>
        <translation>{name} 无法拆分：{reason}</translation>
    </message>
    <message>
        <source>{name}: {reason}; it is left as it is.</source>
        <translation>{name}：{reason}；保持原样。</translation>
    </message>
    <message>
        <source>could not be split into prints: {reason}</source>
        <translation>无法拆分成照片：{reason}</translation>
    </message>
    <message>
        <source>Looking for the prints on {count} scans: {done} done…</source>
        <translation>正在 {count} 张扫描件上查找照片：已完成 {done} 张…</translation>
    </message>
    <message>
        <source>1 print cut out and added to the queue.</source>
        <translation>已裁出 1 张照片并加入队列。</translation>
    </message>
    <message>
        <source>{count} prints cut out and added to the queue.</source>
        <translation>已裁出 {count} 张照片并加入队列。</translation>
    </message>
    <message>
        <source>1 scan could not be split: {names}.</source>
        <translation>1 张扫描件无法拆分：{names}。</translation>
    </message>
    <message>
        <source>{count} scans could not be split: {names}.</source>
        <translation>{count} 张扫描件无法拆分：{names}。</translation>
    </message>
    <message>
        <source>1 photo looks like a single photo, not a scan of prints, and was left as it is: {names}.</source>
        <translation>1 张照片看起来是单张照片，而不是多张相片的扫描件，已保持原样：{names}。</translation>
    </message>
    <message>
        <source>{count} photos look like single photos, not scans of prints, and were left as they are: {names}.</source>
        <translation>{count} 张照片看起来是单张照片，而不是多张相片的扫描件，已保持原样：{names}。</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Not available: {reason}</source>
        <translation>不可用：{reason}</translation>
    </message>
    <message>
        <source>{name} (reading…)</source>
        <translation>{name}（读取中…）</translation>
    </message>
    <message>
        <source>How much detail H.264 and H.265 keep: Best keeps the most grain and fine texture in files about twice as large; Smaller files soften the finest grain.</source>
        <translation>H.264 和 H.265 保留多少细节：“最佳”保留最多的颗粒和细微纹理，文件约大一倍；“较小文件”会柔化最细的颗粒。</translation>
    </message>
    <message>
        <source>ProRes and FFV1 always keep their one quality (FFV1 loses nothing).</source>
        <translation>ProRes 和 FFV1 的画质固定（FFV1 完全无损）。</translation>
    </message>
    <message>
        <source>Save restored photos in</source>
        <translation>选择保存修复照片的文件夹</translation>
    </message>
    <message>
        <source>No models are installed. Import one from the Models menu, or put model files in {folder}</source>
        <translation>尚未安装模型。请从“模型”菜单导入，或将模型文件放入 {folder}</translation>
    </message>
    <message>
        <source>Restores and enlarges 4×: calms grain and print texture; JPEG blocks stay, softer than with Faithful 4x</source>
        <translation>修复并放大 4×：减轻颗粒和相纸纹理；JPEG 块仍会保留，但比用 Faithful 4x 时柔和</translation>
    </message>
    <message>
        <source>Restores and enlarges 4× with sharper edges and texture, which can look painted on compressed film</source>
        <translation>修复并放大 4×，边缘和纹理更锐利；在压缩过的影片上，这些纹理可能显得像画出来的</translation>
    </message>
    <message>
        <source>Restores and enlarges 2×: calms grain and compression in films (for a clean master, use Faithful 2x)</source>
        <translation>修复并放大 2×：减轻影片中的颗粒和压缩痕迹（干净的母版请用 Faithful 2x）</translation>
    </message>
    <message>
        <source>Enlarge only: 4×, grain and JPEG blocks sharpened too: for clean scans and archives</source>
        <translation>仅放大：4×，颗粒和 JPEG 块也会一起变锐利：适合干净的扫描件和档案</translation>
    </message>
    <message>
        <source>Enlarge only: 2×, grain and JPEG blocks sharpened too: for clean scans and film masters</source>
        <translation>仅放大：2×，颗粒和 JPEG 块也会一起变锐利：适合干净的扫描件和影片母版</translation>
    </message>
    <message>
        <source>Enlarge only: 4× with sharper edges and texture, grain and JPEG blocks too: for clean scans</source>
        <translation>仅放大：4×，边缘和纹理更锐利，颗粒和 JPEG 块也一样：适合干净的扫描件</translation>
    </message>
    <message>
        <source>Gently reduces light noise, small dust specks and JPEG blocks without enlarging; film grain stays</source>
        <translation>不放大，轻柔地减轻轻微噪点、细小灰尘斑点和 JPEG 块；胶片颗粒保持不变</translation>
    </message>
    <message>
        <source>Reading the model…</source>
        <translation>正在读取模型…</translation>
    </message>
    <message>
        <source>Restores without enlarging</source>
        <translation>仅修复不放大</translation>
    </message>
    <message>
        <source>Enlarges {scale}×</source>
        <translation>放大 {scale}×</translation>
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
        <source>{name} is no longer in your models folder, so nothing is cleaned up before enlarging.</source>
        <translation>{name} 已不在你的模型文件夹中，因此放大前不再做清理。</translation>
    </message>
    <message>
        <source>{name} is no longer in your models folder, so nothing is cleaned up after enlarging.</source>
        <translation>{name} 已不在你的模型文件夹中，因此放大后不再做清理。</translation>
    </message>
    <message>
        <source>{name} is no longer in your models folder.</source>
        <translation>{name} 已不在你的模型文件夹中。</translation>
    </message>
    <message>
        <source>{name} is no longer in your models folder, so {other} is chosen in its place.</source>
        <translation>{name} 已不在你的模型文件夹中，因此改选 {other}。</translation>
    </message>
    <message>
        <source>Removed {name}; nothing is cleaned up before enlarging.</source>
        <translation>已移除 {name}，放大前不再做清理。</translation>
    </message>
    <message>
        <source>Removed {name}; nothing is cleaned up after enlarging.</source>
        <translation>已移除 {name}，放大后不再做清理。</translation>
    </message>
    <message>
        <source>Removed {name}; no model is left.</source>
        <translation>已移除 {name}，已没有可用的模型。</translation>
    </message>
    <message>
        <source>Removed {name}; {other} is chosen.</source>
        <translation>已移除 {name}，已改选 {other}。</translation>
    </message>
    <message>
        <source>DPX, TIFF and PNG frames keep every level of the restored frames: there is no quality to choose.</source>
        <translation>DPX、TIFF 和 PNG 帧保留修复后各帧的每一级色阶：没有画质可选。</translation>
    </message>
    <message>
        <source>grain {value}</source>
        <translation>颗粒 {value}</translation>
    </message>
    <message>
        <source>The built-in model {name} cannot be used; reinstalling Rekindle should repair it. {reason}</source>
        <translation>内置模型 {name} 无法使用；重新安装 Rekindle 应可修复。{reason}</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Grain and clean-up models</source>
        <translation>颗粒与清理模型</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Strongest</source>
        <translation>最强</translation>
    </message>
    <message>
        <source>How strongly grain, print texture and compression are smoothed: lower it where a restored face looks smoothed or painted, and some of the grain comes back; at the left end the picture is only enlarged. The Restore models start at 75%: Strongest calms the most grain but can paint faces flat and break thin lines. Dust and scratches stay: for those, use Remove dust and specks or Mark Spots.</source>
        <translation>颗粒、相纸纹理和压缩痕迹被抹平的程度：若修复后的人脸显得过于平滑或像涂抹过，把它调低，部分颗粒会回来；调到最左端时只做放大。Restore 模型从 75% 开始：“最强”减轻的颗粒最多，但可能把人脸涂得平板，并让细线断开。灰尘和划痕会保留：请用“去除灰尘和斑点”或“标记斑点”处理。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Films</source>
        <translation>影片</translation>
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
        <source>Repair strength</source>
        <translation>修复强度</translation>
    </message>
    <message>
        <source>Enlarge only</source>
        <translation>仅放大</translation>
    </message>
    <message>
        <source>Repair strength applies to the built-in Restore 4x, Restore 2x, Faithful 4x and Faithful 2x models and their Detail partners.</source>
        <translation>修复强度仅适用于内置的 Restore 4x、Restore 2x、Faithful 4x、Faithful 2x 模型及其 Detail 搭档。</translation>
    </message>
    <message>
        <source>Detail strength</source>
        <translation>细节强度</translation>
    </message>
    <message>
        <source>Nothing added</source>
        <translation>不添加细节</translation>
    </message>
    <message>
        <source>Detailed</source>
        <translation>细节</translation>
    </message>
    <message>
        <source>How much crisp texture is drawn in: fine hair, fabric, foliage and sharper edges that enlarging alone leaves soft. Further right looks sharper but can invent detail that was never there; at the left end no invented texture is drawn in.</source>
        <translation>绘入多少清晰的纹理：细发、织物、枝叶，以及仅靠放大会留下模糊的边缘。越往右越锐利，但可能画出原本没有的细节；调到最左端时不会绘入任何编造的纹理。</translation>
    </message>
    <message>
        <source>Detail strength applies to the built-in Restore 4x and Faithful 4x models and their Detail partners.</source>
        <translation>细节强度仅适用于内置的 Restore 4x、Faithful 4x 模型及其 Detail 搭档。</translation>
    </message>
    <message>
        <source>Grain</source>
        <translation>颗粒</translation>
    </message>
    <message>
        <source>Film-like</source>
        <translation>如胶片</translation>
    </message>
    <message>
        <source>Fine grain added to the restored picture, in brightness only and strongest in the midtones, so smooth skin and skies do not look plastic; each film frame gets its own. At the left end none is added.</source>
        <translation>在修复后的画面上加入细腻的颗粒，只作用于亮度，在中间调最明显，使光滑的皮肤和天空不显得像塑料；影片的每一帧各有自己的颗粒。滑块在最左端时不加颗粒。</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出尺寸</translation>
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
        <source>Extra care (8 times slower)</source>
        <translation>精细模式（慢 8 倍）</translation>
    </message>
    <message>
        <source>Each tile is restored in all eight orientations and the results are averaged: slightly finer, steadier detail, for eight times the time.</source>
        <translation>每个分块按全部八种方向分别修复后取平均：细节略为更细、更稳定，耗时为八倍。</translation>
    </message>
    <message>
        <source>Fix faded colours</source>
        <translation>修复褪色</translation>
    </message>
    <message>
        <source>As the frames say, else 24</source>
        <translation>按帧文件所记，否则 24</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>Not used: {reason}</source>
        <translation>未采用：{reason}</translation>
    </message>
    <message>
        <source>clean-up before</source>
        <translation>放大前清理</translation>
    </message>
    <message>
        <source>A model that restores without enlarging (1×), such as a denoise or JPEG clean-up model, run on the photo before it is enlarged. The built-in 1× models and those in your models folder are listed here.</source>
        <translation>仅修复不放大（1×）的模型，例如降噪或去除 JPEG 压缩痕迹的模型，在照片放大之前运行。这里列出内置的 1× 模型和您的模型文件夹中的 1× 模型。</translation>
    </message>
    <message>
        <source>clean-up after</source>
        <translation>放大后清理</translation>
    </message>
    <message>
        <source>A model that restores without enlarging (1×), run on the enlarged photo to tidy it. The built-in 1× models and those in your models folder are listed here.</source>
        <translation>仅修复不放大（1×）的模型，在放大后的照片上运行，使其更干净。这里列出内置的 1× 模型和您的模型文件夹中的 1× 模型。</translation>
    </message>
    <message>
        <source>For faded prints and film: greyed blacks and dull whites are set back and part of a colour cast is taken away before enlarging. A toned black-and-white print keeps its tone. A film gets one correction for all its frames, measured across it, so it does not flicker.</source>
        <translation>用于褪色的照片和影片：在放大之前，把发灰的黑色和暗淡的白色恢复过来，并去除部分偏色。着色的黑白照片保留其色调。一部影片的所有帧使用同一个校正（在整部影片中取样测得），因此不会闪烁。</translation>
    </message>
    <message>
        <source>Remove dust and specks</source>
        <translation>去除灰尘和斑点</translation>
    </message>
    <message>
        <source>For scanned prints: small specks of dust, white dots and hairlines that stand out from a flat surround are found and filled in from the picture around them before enlarging. Eyes, letters and edges are left alone, but a small bright button or star on a dark ground may be taken for dust: compare a part with Preview first.</source>
        <translation>适用于扫描的相片：在平整背景上显眼的细小灰尘、白点和细发丝会被找出，并在放大前用周围的画面填补。眼睛、文字和边缘不受影响，但暗底上的小亮纽扣或星星可能被当作灰尘：请先用“预览”对比一部分。</translation>
    </message>
    <message>
        <source>dust removed</source>
        <translation>去除灰尘</translation>
    </message>
    <message>
        <source>Specks of dust, dirt and hairs that show on one frame of a film and not on the frames beside it are filled in from those frames before enlarging. Scratches that stay in one place are left, and a small thing moving very fast may be taken for dirt: compare a frame with Preview first.</source>
        <translation>只出现在影片某一帧、而不出现在相邻帧上的灰尘、污点和毛发，会在放大之前用相邻帧的画面填补。停留在同一位置的划痕会保留；移动极快的小物体可能被误当作污渍：请先用“预览”对比一帧。</translation>
    </message>
    <message>
        <source>grain calmed</source>
        <translation>减轻颗粒</translation>
    </message>
    <message>
        <source>Each frame of a film is averaged with the two frames each side of it wherever they show the same picture: grain changes from frame to frame and the picture does not, so about half the grain goes and nothing is smeared. The Restore model then has less grain to mistake for texture.</source>
        <translation>影片的每一帧都会在画面相同的地方与前后各两帧取平均：颗粒每帧都在变化，而画面不变，因此大约一半的颗粒会消失，且不会抹糊任何东西。修复模型随后也就更少把颗粒误当作纹理。</translation>
    </message>
    <message>
        <source>flicker evened</source>
        <translation>消除闪烁</translation>
    </message>
    <message>
        <source>Each frame of a film is brought to the steady brightness of the frames around it in the same shot, so an old film&apos;s flicker calms down; a cut to another shot is found and nothing is evened across it. Light that truly changes for a few frames only (a flash) is evened too.</source>
        <translation>影片的每一帧都会调整到同一镜头中前后帧的稳定亮度，使老影片的闪烁平缓下来；会识别切换到另一个镜头的剪辑点，不会跨镜头平衡亮度。只持续几帧的真实光线变化（如闪光）也会被平衡掉。</translation>
    </message>
    <message>
        <source>picture steadied</source>
        <translation>稳定画面</translation>
    </message>
    <message>
        <source>Steady the picture</source>
        <translation>稳定画面</translation>
    </message>
    <message>
        <source>Where an old film&apos;s picture weaves or jumps from frame to frame (film loose in a worn gate, a splice, a shaking camera), each frame is moved to where the frames around it in the same shot say it belongs; the camera&apos;s own slow pans and tilts stay. The narrow edge a move uncovers is filled from the frames beside it.</source>
        <translation>老影片的画面若逐帧晃动或跳动（胶片在磨损的片门里松动、接片处、摄影机抖动），每一帧都会被移到同一镜头中前后各帧所示的位置；摄影机本身缓慢的摇镜和俯仰保留。移动后露出的窄边用相邻帧的画面填补。</translation>
    </message>
    <message>
        <source>repeats smoothed</source>
        <translation>平滑重复帧</translation>
    </message>
    <message>
        <source>Smooth repeated frames</source>
        <translation>平滑重复帧</translation>
    </message>
    <message>
        <source>tile {value}</source>
        <translation>分块 {value}</translation>
    </message>
    <message>
        <source>Photos are restored in square tiles of this side. Smaller tiles use less memory and take longer.</source>
        <translation>照片按此边长的方块逐块修复。方块越小，占用内存越少，但耗时越长。</translation>
    </message>
    <message>
        <source>extra care</source>
        <translation>精细模式</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>cluster address</source>
        <translation>集群地址</translation>
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
        <source>file names</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>File names</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>How restored files are named: {stem} is the original&apos;s name, {recipe} how the result was made (the model, detail, size…); the extension follows. Restoring with other settings makes a new file beside the old one.</source>
        <translation>修复后文件的命名方式：{stem} 是原图的文件名，{recipe} 表示结果的生成方式（模型、细节、尺寸…）；后面接扩展名。用其他设置再次修复会在旧文件旁生成一个新文件。</translation>
    </message>
    <message>
        <source>Save each photo as soon as it is restored</source>
        <translation>每张照片修复完成后立即保存</translation>
    </message>
    <message>
        <source>Restored photos go straight into the folder above, so nothing is lost if the computer stops, and a long batch does not fill the memory. Off: save them yourself with Save or Save All.</source>
        <translation>修复后的照片直接存入上面的文件夹：即使电脑中途停止也不会丢失，长时间的批量处理也不会占满内存。关闭后需用“保存”或“全部保存”自行保存。</translation>
    </message>
    <message>
        <source>film format</source>
        <translation>影片编码</translation>
    </message>
    <message>
        <source>Films as</source>
        <translation>影片编码</translation>
    </message>
    <message>
        <source>H.264 (small files, plays everywhere)</source>
        <translation>H.264（文件小，到处都能播放）</translation>
    </message>
    <message>
        <source>H.265 (smaller files)</source>
        <translation>H.265（文件更小）</translation>
    </message>
    <message>
        <source>ProRes 422 HQ (for editing)</source>
        <translation>ProRes 422 HQ（用于剪辑）</translation>
    </message>
    <message>
        <source>FFV1 (lossless, for archives)</source>
        <translation>FFV1（无损，用于存档）</translation>
    </message>
    <message>
        <source>DPX frames (for grading)</source>
        <translation>DPX 帧（用于调色）</translation>
    </message>
    <message>
        <source>TIFF frames</source>
        <translation>TIFF 帧</translation>
    </message>
    <message>
        <source>PNG frames</source>
        <translation>PNG 帧</translation>
    </message>
    <message>
        <source>film quality</source>
        <translation>影片画质</translation>
    </message>
    <message>
        <source>sequence rate</source>
        <translation>序列帧率</translation>
    </message>
    <message>
        <source>Sequence rate</source>
        <translation>序列帧率</translation>
    </message>
    <message>
        <source>gaps allowed</source>
        <translation>允许缺帧</translation>
    </message>
    <message>
        <source>Allow gaps in frame sequences</source>
        <translation>允许帧序列中有缺帧</translation>
    </message>
    <message>
        <source>A frame sequence with numbers missing (a frame lost in the scan) cannot be opened, and its row names the first one missing. On: it is taken as it is, and the frame before a gap stays on screen through it, so the film keeps its length.</source>
        <translation>编号有缺失的帧序列（扫描时丢了一帧）无法打开，其所在行会指出第一个缺失的编号。勾选后按原样接受，缺口前的一帧会一直显示到缺口结束，影片长度保持不变。</translation>
    </message>
    <message>
        <source>{value} theme</source>
        <translation>{value}主题</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Restore on a cluster</source>
        <translation>在集群上修复</translation>
    </message>
    <message>
        <source>Films are cut into segments that the computers of a Ray cluster restore side by side; photos go one at a time to a remote cluster&apos;s workers (a cluster started on this computer takes only films: one photo gains nothing from it). Needs Ray (pip install &apos;rekindle[cluster]&apos;).</source>
        <translation>影片被切成若干段，由 Ray 集群中的多台计算机同时修复；照片逐张发送给远程集群的工作进程（在本机启动的集群只处理影片：单张照片不会因此更快）。需要 Ray（pip install &apos;rekindle[cluster]&apos;）。</translation>
    </message>
    <message>
        <source>The address of the cluster&apos;s head (host:port, where `ray start --head` runs), for films and photos; or local to start a cluster on this computer for films (local:N for N workers, one per GPU by default).</source>
        <translation>集群主节点的地址（host:port，即运行 `ray start --head` 的机器），用于影片和照片；或填 local 在本机为影片启动集群（local:N 表示 N 个工作进程，默认每个 GPU 一个）。</translation>
    </message>
    <message>
        <source>Remove dust and dirt</source>
        <translation>去除灰尘和污渍</translation>
    </message>
    <message>
        <source>Calm the grain</source>
        <translation>减轻颗粒</translation>
    </message>
    <message>
        <source>Even out flicker</source>
        <translation>消除闪烁</translation>
    </message>
    <message>
        <source>A film shot at 16 or 18 frames a second and copied at 24 shows some frames twice, as does one in five frames of a film put on NTSC video, and its motion stutters. Each frame shown twice is replaced by one made halfway between the frames around it, so the motion slows for a moment instead of stopping. A picture held for longer, and a frame before a cut, stay as they are.</source>
        <translation>以每秒 16 或 18 帧拍摄、再以 24 帧转录的影片，有些帧会出现两次；转录到 NTSC 录像带的影片每五帧也有一帧如此，动作因此卡顿。每一帧重复的画面都会被替换为一帧在前后两帧正中间生成的画面，于是动作只是放慢片刻，而不再停顿。停留更久的画面以及剪辑切换前的一帧保持原样。</translation>
    </message>
    <message>
        <source>How restored films are encoded. Sound and subtitles are copied unchanged, but sound the file cannot hold as it is (FLAC with ProRes) goes in converted to PCM, which keeps every sample; the film&apos;s row then says so. DPX, TIFF or PNG frames: each frame is written as a numbered picture in a folder named after the film, with its sound beside them as WAV files, for a grading suite to conform.</source>
        <translation>修复后的影片如何编码。声音和字幕原样复制，但文件无法原样容纳的声音（例如 ProRes 配 FLAC）会转换为 PCM 写入，保留每一个采样；影片所在行会注明这一点。DPX、TIFF 或 PNG 帧：每一帧写成一张编号图片，放在以影片命名的文件夹中，声音以 WAV 文件放在旁边，供调色软件套底。</translation>
    </message>
    <message>
        <source>Film quality</source>
        <translation>影片画质</translation>
    </message>
    <message>
        <source>Best (larger files)</source>
        <translation>最佳（文件较大）</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Smaller files</source>
        <translation>较小文件</translation>
    </message>
    <message>
        <source>A folder of a film scanner&apos;s numbered DPX frames (frame_000001.dpx…) is queued as one film, which runs at the rate its scanner wrote in the frames, or where they say none, at 24 frames a second. Choose a rate to run every sequence at it instead: 24 for sound film, 16 or 18 for silent film, 25 for PAL; or type another (23.976 or 24000/1001). It applies to the frame sequences in the queue and to those added later.</source>
        <translation>胶片扫描仪按编号保存的一文件夹 DPX 帧（frame_000001.dpx…）会作为一部影片加入队列，按扫描仪写在帧中的帧率播放；帧中未记帧率时，按每秒 24 帧播放。选择一个帧率，则所有帧序列都按它播放：有声片为 24，默片为 16 或 18，PAL 为 25；也可输入其他值（23.976 或 24000/1001）。它适用于队列中的帧序列以及之后加入的帧序列。</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Clean up before enlarging</source>
        <translation>放大前清理</translation>
    </message>
    <message>
        <source>Clean up after enlarging</source>
        <translation>放大后清理</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SizeCheck</name>
    <message>
        <source>Photos too large for their format: {count}. The largest, {name}, would be {width} × {height} px, and {format} holds at most {limit} px a side. Choose a smaller output size, or save as PNG or TIFF.</source>
        <translation>超出格式上限的照片：{count} 张。其中最大的 {name} 将是 {width} × {height} 像素，而 {format} 每边最多 {limit} 像素。请选择较小的输出尺寸，或保存为 PNG 或 TIFF。</translation>
    </message>
    <message>
        <source>Too Large to Save</source>
        <translation>太大，无法保存</translation>
    </message>
    <message>
        <source>Films that would be larger than 4K ({limit_width} × {limit_height}): {count}. The largest, {name}, would be {width} × {height} px; few players, editors and broadcasters take films that large, and restoring them takes much longer.</source>
        <translation>结果将超过 4K（{limit_width} × {limit_height}）的影片：{count} 部。其中最大的 {name} 将是 {width} × {height} 像素；很少有播放器、剪辑软件和播出系统能处理这么大的影片，修复也要久得多。</translation>
    </message>
    <message>
        <source>{model} makes them half as wide and high, in a fraction of the time (it becomes the chosen model, for the photos in this run too).</source>
        <translation>{model} 会让它们的宽和高各减半，只需一小部分时间（它将成为所选模型，本次修复中的照片也会使用它）。</translation>
    </message>
    <message>
        <source>Films Larger than 4K</source>
        <translation>影片超过 4K</translation>
    </message>
    <message>
        <source>Use {model}</source>
        <translation>使用 {model}</translation>
    </message>
    <message>
        <source>Photos that would be over {limit} MP: {count}. The largest, {name}, would be {width} × {height} px ({megapixels} MP); many viewers and editors cannot open pictures that large, and restoring takes long. A smaller output size avoids it.</source>
        <translation>结果将超过 {limit} 百万像素的照片：{count} 张。其中最大的 {name} 将是 {width} × {height} 像素（{megapixels} 百万像素）；许多看图和编辑软件打不开这么大的图片，修复也很费时。选择较小的输出尺寸可以避免。</translation>
    </message>
    <message>
        <source>Very Large Results</source>
        <translation>结果非常大</translation>
    </message>
    <message>
        <source>Restore Anyway</source>
        <translation>仍然修复</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>A training on {folder} is complete but its model has not been saved. Continue to name and save it, or discard it?</source>
        <translation>基于 {folder} 的训练已完成，但模型尚未保存。继续为它命名并保存，还是丢弃？</translation>
    </message>
    <message>
        <source>A training on {folder} stopped at step {step} of {total}. Continue it, or discard it? (Starting a new one also discards it.)</source>
        <translation>基于 {folder} 的训练停在第 {step} 步（共 {total} 步）。继续训练还是丢弃？（开始新的训练也会丢弃它。）</translation>
    </message>
    <message>
        <source>The photos from {folder} are packed but training has not started. Continue, or discard them? (Starting a new one also discards them.)</source>
        <translation>{folder} 中的照片已打包，但训练尚未开始。要继续，还是丢弃它们？（开始新的训练也会丢弃它们。）</translation>
    </message>
    <message>
        <source>Training pairs from {folder} are ready but training has not started. Continue, or discard them? (Starting a new one also discards them.)</source>
        <translation>来自 {folder} 的训练样本对已准备好，但训练尚未开始。继续还是丢弃？（开始新的训练也会丢弃它们。）</translation>
    </message>
    <message>
        <source>Choose a folder of good photos</source>
        <translation>选择存放优质照片的文件夹</translation>
    </message>
    <message>
        <source>Looking at {name}…</source>
        <translation>正在查看 {name}…</translation>
    </message>
    <message>
        <source>The folder could not be read: {reason}</source>
        <translation>无法读取该文件夹：{reason}</translation>
    </message>
    <message>
        <source>None of these photos can be used: training needs photos at least {crop} pixels on their shorter side that can be read. Choose a folder of larger scans or photos.</source>
        <translation>这些照片都无法使用：训练需要能读取、短边至少 {crop} 像素的照片。请选择存放更大扫描件或照片的文件夹。</translation>
    </message>
    <message>
        <source>Training learns from &lt;b&gt;{photos}&lt;/b&gt; photos, cutting new crops from them at every step. Photos kept aside to measure progress: {held}.</source>
        <translation>训练将从 &lt;b&gt;{photos}&lt;/b&gt; 张照片中学习，每一步都从中裁取新的样本。留出用于衡量进度的照片：{held} 张。</translation>
    </message>
    <message>
        <source>That makes &lt;b&gt;{pairs}&lt;/b&gt; training pairs. Photos kept aside to measure progress: {held}.</source>
        <translation>共可制作 &lt;b&gt;{pairs}&lt;/b&gt; 个训练样本对。留出用于衡量进度的照片：{held} 张。</translation>
    </message>
    <message>
        <source>With a single photo, progress is measured on the photo the model learns from, so the figures will look better than they are.</source>
        <translation>只有一张照片时，进度只能在模型学习的同一张照片上衡量，因此数值会比实际偏好。</translation>
    </message>
    <message>
        <source>This run, on {folder}, is being trained now by {holder}; wait for it to finish or stop it.</source>
        <translation>这次训练（基于 {folder}）正由{holder}进行；请等它完成，或停止它。</translation>
    </message>
    <message>
        <source>Photos large enough to learn from (at least {crop} pixels on the shorter side): &lt;b&gt;{usable}&lt;/b&gt;&lt;br&gt;Too small: {small} · Could not be read: {unreadable} · Duplicates: {duplicates} · Rekindle&apos;s results: {results}</source>
        <translation>足够大、可用于学习的照片（短边至少 {crop} 像素）：&lt;b&gt;{usable}&lt;/b&gt;&lt;br&gt;过小：{small} · 无法读取：{unreadable} · 重复：{duplicates} · Rekindle 的成果：{results}</translation>
    </message>
    <message>
        <source>There are no photos in this folder or its subfolders (Rekindle reads JPEG, PNG, TIFF, WebP, BMP, HEIC and DPX). Choose another folder.</source>
        <translation>此文件夹及其子文件夹中没有照片（Rekindle 可读取 JPEG、PNG、TIFF、WebP、BMP、HEIC 和 DPX）。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Photos Rekindle restored are left out: a model learns nothing from its own results.</source>
        <translation>Rekindle 修复过的照片不会被使用：模型无法从自己的成果中学到东西。</translation>
    </message>
    <message>
        <source>With so few photos the model can only learn a little.</source>
        <translation>照片这么少，模型只能学到一点东西。</translation>
    </message>
    <message>
        <source>Too small (under {crop} pixels on the shorter side):</source>
        <translation>过小（短边不足 {crop} 像素）：</translation>
    </message>
    <message>
        <source>Could not be read:</source>
        <translation>无法读取：</translation>
    </message>
    <message>
        <source>Duplicates (each photo is used once):</source>
        <translation>重复（每张照片只使用一次）：</translation>
    </message>
    <message>
        <source>Rekindle&apos;s results (not learned from):</source>
        <translation>Rekindle 的成果（不用于学习）：</translation>
    </message>
    <message>
        <source>Prepared training data (crops, not photos):</source>
        <translation>已准备的训练数据（裁块，不是照片）：</translation>
    </message>
    <message>
        <source>Train Rekindle on your photos</source>
        <translation>用你的照片训练 Rekindle</translation>
    </message>
    <message>
        <source>&lt;b&gt;What training does&lt;/b&gt;&lt;br&gt;It makes a model of your own: Rekindle studies your good photos and learns to restore and enlarge photos like them. The new model joins the built-in ones in the main window.</source>
        <translation>&lt;b&gt;训练做什么&lt;/b&gt;&lt;br&gt;它为你制作一个自己的模型：Rekindle 研究你的优质照片，学会修复和放大与之相似的照片。新模型会与内置模型一起出现在主窗口中。</translation>
    </message>
    <message>
        <source>&lt;b&gt;What you need&lt;/b&gt;&lt;br&gt;A folder of your own good, sharp photos, similar to the ones you want to restore: the same kind of subjects, cameras or film. The more photos, the more it learns.</source>
        <translation>&lt;b&gt;你需要什么&lt;/b&gt;&lt;br&gt;一个装有你自己的清晰优质照片的文件夹，与你想修复的照片相似：同类的题材、相机或胶片。照片越多，它学到的越多。</translation>
    </message>
    <message>
        <source>&lt;b&gt;How long it takes&lt;/b&gt;&lt;br&gt;From a few minutes to several hours, by the training length you pick and your computer: the next page measures it before you start. You can pause, or close this window and continue later.</source>
        <translation>&lt;b&gt;需要多长时间&lt;/b&gt;&lt;br&gt;从几分钟到几个小时，取决于你选择的训练时长和你的电脑：下一页会在开始前测出所需时间。你可以暂停，或关闭此窗口以后再继续。</translation>
    </message>
    <message>
        <source>Choose the folder of good photos. Subfolders are included; nothing in the folder is changed.</source>
        <translation>选择优质照片所在的文件夹。包括子文件夹；文件夹中的任何内容都不会被更改。</translation>
    </message>
    <message>
        <source>Rekindle learns from good, sharp photos what your old ones should look like.</source>
        <translation>Rekindle 从清晰的优质照片中学习您的老照片应有的样子。</translation>
    </message>
    <message>
        <source>No folder chosen</source>
        <translation>未选择文件夹</translation>
    </message>
    <message>
        <source>Folder of good photos</source>
        <translation>好照片所在的文件夹</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Photos and folders left out, with why</source>
        <translation>未使用的照片和文件夹及原因</translation>
    </message>
    <message>
        <source>Continue Training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>SpotMarking</name>
    <message>
        <source>The marks could not be read: {0}</source>
        <translation>无法读取标记：{0}</translation>
    </message>
    <message>
        <source>The marks kept for this photo no longer fit it, and could not be removed: {0}</source>
        <translation>为这张照片保存的标记已与它不符，且无法删除：{0}</translation>
    </message>
    <message>
        <source>The marks kept for this photo no longer fit it: they were removed.</source>
        <translation>为这张照片保存的标记已与它不符：已将其删除。</translation>
    </message>
    <message>
        <source>The marks could not be kept: the photo cannot be read.</source>
        <translation>无法保存标记：照片无法读取。</translation>
    </message>
    <message>
        <source>The marks on {name} were not kept: the photo changed on disk while it was marked. Mark it again as it is now.</source>
        <translation>{name} 上的标记未保存：标记期间照片已在磁盘上被更改。请按其现在的样子重新标记。</translation>
    </message>
    <message>
        <source>They are kept while Rekindle runs, and written again at the next Done or restoration.</source>
        <translation>Rekindle 运行期间会一直保留，并在下次按“完成”或修复时再次写入。</translation>
    </message>
    <message>
        <source>Marks on {name}: {reason}.</source>
        <translation>{name} 上的标记：{reason}。</translation>
    </message>
    <message>
        <source>Marks on {count} items: {reason}.</source>
        <translation>{count} 项上的标记：{reason}。</translation>
    </message>
    <message>
        <source>Quit Rekindle</source>
        <translation>退出 Rekindle</translation>
    </message>
    <message>
        <source>Quit anyway, losing them?</source>
        <translation>仍要退出并丢弃这些标记吗？</translation>
    </message>
    <message>
        <source>No marks left on this photo: nothing is filled on it, and Remove dust and specks leaves it alone.</source>
        <translation>这张照片上已没有标记：不会填补任何地方，“去除灰尘和斑点”也不会处理它。</translation>
    </message>
    <message>
        <source>No spots were looked for: the photo changed on disk since marking began. Press Done, and mark it again as it is now.</source>
        <translation>未查找斑点：开始标记后照片已在磁盘上被更改。请按“完成”，然后按其现在的样子重新标记。</translation>
    </message>
    <message>
        <source>Places found: {0}. Erase any that belong to the picture.</source>
        <translation>找到 {0} 处。属于画面本身的请擦除。</translation>
    </message>
    <message>
        <source>No marks left on this photo.</source>
        <translation>这张照片上已没有标记。</translation>
    </message>
    <message>
        <source>The place you marked will be filled in on every frame when the film is restored.</source>
        <translation>修复影片时，你标记的地方会在每一帧上填补。</translation>
    </message>
    <message>
        <source>The {count} places you marked will be filled in on every frame when the film is restored.</source>
        <translation>修复影片时，你标记的 {count} 处会在每一帧上填补。</translation>
    </message>
    <message>
        <source>The place you marked will be filled in when this photo is restored, and nothing else: Remove dust and specks does not search a photo you marked.</source>
        <translation>修复这张照片时只填补你标记的地方，其他地方不动：“去除灰尘和斑点”不会搜索你标记过的照片。</translation>
    </message>
    <message>
        <source>The {count} places you marked will be filled in when this photo is restored, and nothing else: Remove dust and specks does not search a photo you marked.</source>
        <translation>修复这张照片时只填补你标记的 {count} 处，其他地方不动：“去除灰尘和斑点”不会搜索你标记过的照片。</translation>
    </message>
    <message>
        <source>Looking for dust and specks…</source>
        <translation>正在查找灰尘和斑点…</translation>
    </message>
    <message>
        <source>No spots could be looked for: {0}</source>
        <translation>无法查找斑点：{0}</translation>
    </message>
</context>
<context>
    <name>StaleNote</name>
    <message>
        <source>size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>detail</source>
        <translation>细节</translation>
    </message>
    <message>
        <source>repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>clean-up before</source>
        <translation>放大前清理</translation>
    </message>
    <message>
        <source>clean-up after</source>
        <translation>放大后清理</translation>
    </message>
    <message>
        <source>faded colours</source>
        <translation>褪色修复</translation>
    </message>
    <message>
        <source>dust and specks</source>
        <translation>灰尘和斑点</translation>
    </message>
    <message>
        <source>extra care</source>
        <translation>精细模式</translation>
    </message>
    <message>
        <source>grain added</source>
        <translation>加入的颗粒</translation>
    </message>
    <message>
        <source>dust and dirt</source>
        <translation>灰尘和污渍</translation>
    </message>
    <message>
        <source>flicker</source>
        <translation>闪烁</translation>
    </message>
    <message>
        <source>grain</source>
        <translation>颗粒</translation>
    </message>
    <message>
        <source>weave and shake</source>
        <translation>画面晃动</translation>
    </message>
    <message>
        <source>repeated frames</source>
        <translation>重复帧</translation>
    </message>
    <message>
        <source>marked spots</source>
        <translation>标记的斑点</translation>
    </message>
    <message>
        <source>part of the film</source>
        <translation>影片片段</translation>
    </message>
    <message>
        <source>Made before the marks changed — Restore again to make a new result with the marks as they are now</source>
        <translation>在标记更改之前制作 — 再次修复可按现在的标记生成一个新结果</translation>
    </message>
    <message>
        <source>Made with other settings: {changes} — Restore again to make a new result with the current settings</source>
        <translation>由其他设置生成：{changes} — 再次修复可按当前设置生成一个新结果</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Rekindle is already open but does not answer (it may be busy): try again in a moment.</source>
        <translation>Rekindle 已经打开，但没有响应（可能正忙）：请稍后再试。</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>Getting ready…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Stopping after this step and saving the model…</source>
        <translation>将在这一步结束后停止并保存模型…</translation>
    </message>
    <message>
        <source>Training failed: {reason}</source>
        <translation>训练失败：{reason}</translation>
    </message>
    <message>
        <source>Paused at step {step} of {total}. Resume when you are ready.</source>
        <translation>已在第 {step} 步（共 {total} 步）暂停。准备好后请继续。</translation>
    </message>
    <message>
        <source>Pausing after the current step…</source>
        <translation>将在当前这一步结束后暂停…</translation>
    </message>
    <message>
        <source>Step {step} of {total}: learning to enlarge your photos faithfully</source>
        <translation>第 {step} 步，共 {total} 步：学习忠实地放大您的照片</translation>
    </message>
    <message>
        <source>Step {step} of {total}: learning fine detail, judged by a critic network</source>
        <translation>第 {step} 步，共 {total} 步：学习细节，由一个评判网络打分</translation>
    </message>
    <message>
        <source>Training time {elapsed} · {left}</source>
        <translation>训练时长 {elapsed} · {left}</translation>
    </message>
    <message>
        <source>Training time {elapsed}</source>
        <translation>训练用时 {elapsed}</translation>
    </message>
    <message>
        <source>Step {step}: your model {psnr} dB, a simple enlargement (bicubic) {bicubic} dB. Higher is closer to the original.</source>
        <translation>第 {step} 步：你的模型 {psnr} dB，普通放大（双三次）{bicubic} dB。数值越高越接近原图。</translation>
    </message>
    <message>
        <source>The first check comes at step {step}.</source>
        <translation>第一次检查在第 {step} 步进行。</translation>
    </message>
    <message>
        <source>The first check comes at step {step}, in about {duration}.</source>
        <translation>第一次检查在第 {step} 步进行，约 {duration} 后。</translation>
    </message>
    <message>
        <source>Stopped at step {step}. The model as it is now has been kept.</source>
        <translation>已在第 {step} 步停止。模型的当前状态已保留。</translation>
    </message>
    <message>
        <source>Training finished after {step} steps.</source>
        <translation>训练已完成，共 {step} 步。</translation>
    </message>
    <message>
        <source>Click Next.</source>
        <translation>请点击“下一步”。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>You can pause at any time, or stop: the model is kept either way. Closing the window keeps the progress too, to continue later.</source>
        <translation>您可以随时暂停或停止：两种情况下模型都会保留。关闭窗口也会保留进度，以便稍后继续。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Before and after, on photos kept aside</source>
        <translation>修复前后对比（留出的照片）</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;How to read the plots.&lt;/b&gt; The &lt;i&gt;content loss&lt;/i&gt; measures how far the model&apos;s enlargements are from your originals: it should go down.&lt;/p&gt;&lt;p&gt;After the warm-up a second network, the critic, learns to tell your originals (D(real)) from the model&apos;s work (D(fake)), while the model learns to fool it. When both hover around 0.5, the contest is balanced: that is what you want.&lt;/p&gt;&lt;p&gt;&lt;i&gt;PSNR&lt;/i&gt; compares the model&apos;s enlargements of photos it never trained on with the originals: above the grey bicubic line is better than a simple enlargement.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;如何看这些图。&lt;/b&gt;&lt;i&gt;内容损失&lt;/i&gt;衡量模型的放大结果与原图相差多远：它应当下降。&lt;/p&gt;&lt;p&gt;预热之后，第二个网络（评判网络）学习区分您的原图（D(real)）和模型的作品（D(fake)），而模型则学习骗过它。两者都在 0.5 附近徘徊时，双方势均力敌：这正是理想状态。&lt;/p&gt;&lt;p&gt;&lt;i&gt;PSNR&lt;/i&gt; 把模型对未参与训练的照片的放大结果与原图比较：高于灰色的双三次曲线，就说明比普通放大更好。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Simple enlargement</source>
        <translation>普通放大</translation>
    </message>
    <message>
        <source>Your model</source>
        <translation>您的模型</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>Losses of the three steps</source>
        <translation>三个步骤的损失</translation>
    </message>
    <message>
        <source>Content loss (L1): lower is better</source>
        <translation>内容损失（L1）：越低越好</translation>
    </message>
    <message>
        <source>Critic&apos;s mean judgement (0.5 = balanced)</source>
        <translation>评判网络的平均判断（0.5 = 平衡）</translation>
    </message>
    <message>
        <source>PSNR on held-out photos (dB)</source>
        <translation>留出照片上的 PSNR（dB）</translation>
    </message>
    <message>
        <source>D(real)</source>
        <translation>D(real)</translation>
    </message>
    <message>
        <source>each step</source>
        <translation>每一步</translation>
    </message>
    <message>
        <source>running mean</source>
        <translation>滑动平均</translation>
    </message>
    <message>
        <source>D(fake)</source>
        <translation>D(fake)</translation>
    </message>
    <message>
        <source>your model</source>
        <translation>您的模型</translation>
    </message>
    <message>
        <source>bicubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <source>Starts after the warm-up</source>
        <translation>预热结束后开始</translation>
    </message>
    <message>
        <source>Starts with the first step</source>
        <translation>从第一步开始</translation>
    </message>
    <message>
        <source>Starts at the first check</source>
        <translation>第一次检查时开始</translation>
    </message>
</context>
<context>
    <name>TrainingWizard</name>
    <message>
        <source>Stop training?</source>
        <translation>停止训练？</translation>
    </message>
    <message>
        <source>Training is under way. Stop it now? Its progress is kept: open this wizard again to continue where it stopped.</source>
        <translation>训练正在进行。现在停止吗？进度会保留：再次打开此向导即可从停止处继续。</translation>
    </message>
    <message>
        <source>Train on My Collection</source>
        <translation>用我的照片训练</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Turning</name>
    <message>
        <source>{name} is being turned: turn it again once its copy is shown.</source>
        <translation>{name} 正在旋转：请在显示其副本后再旋转。</translation>
    </message>
    <message>
        <source>{name} could not be turned: {reason}</source>
        <translation>无法旋转 {name}：{reason}</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Your new model beats the built-in model on your photos: {yours} dB against {rival} dB.</source>
        <translation>在你的照片上，新模型优于内置模型：{yours} dB 对 {rival} dB。</translation>
    </message>
    <message>
        <source>Your new model beats a simple enlargement (bicubic) on your photos: {yours} dB against {rival} dB.</source>
        <translation>在你的照片上，新模型优于普通放大（双三次）：{yours} dB 对 {rival} dB。</translation>
    </message>
    <message>
        <source>Your new model beats neither the built-in model ({builtin} dB) nor a simple enlargement (bicubic, {bicubic} dB) on your photos: it scores {yours} dB.</source>
        <translation>在你的照片上，新模型既不如内置模型（{builtin} dB），也不如普通放大（双三次，{bicubic} dB）：它的得分是 {yours} dB。</translation>
    </message>
    <message>
        <source>Your new model does not beat the built-in model on your photos: {yours} dB against {builtin} dB.</source>
        <translation>在你的照片上，新模型没有超过内置模型：{yours} dB 对 {builtin} dB。</translation>
    </message>
    <message>
        <source>Your new model does not beat a simple enlargement (bicubic) on your photos: {yours} dB against {bicubic} dB.</source>
        <translation>在你的照片上，新模型没有超过普通放大（双三次）：{yours} dB 对 {bicubic} dB。</translation>
    </message>
    <message>
        <source>Training was stopped at step {step} of {total}, after {duration}: too short for it to learn enough from your photos.</source>
        <translation>训练在第 {step} / {total} 步、{duration} 后被停止：时间太短，模型无法从你的照片中学到足够多。</translation>
    </message>
    <message>
        <source>A {preset} run trains for {duration} only: too short for it to learn enough from your photos.</source>
        <translation>“{preset}”训练只进行 {duration}：时间太短，模型无法从你的照片中学到足够多。</translation>
    </message>
    <message>
        <source>Even a whole {preset} run of {duration} was not enough for it to learn more from your photos.</source>
        <translation>即使完整的“{preset}”训练（{duration}）也不足以让模型从你的照片中学到更多。</translation>
    </message>
    <message>
        <source>Continue the training (Cancel closes this window; the wizard offers to continue next time), or add more photos (you gave {photos}).</source>
        <translation>继续训练（点“取消”关闭此窗口；向导下次会提供继续训练），或添加更多照片（你提供了 {photos} 张）。</translation>
    </message>
    <message>
        <source>Keep using the built-in model: Cancel closes this window without saving. You can still save the new one with Save Anyway.</source>
        <translation>请继续使用内置模型：点“取消”关闭此窗口，不保存。你仍可以用“仍然保存”保存新模型。</translation>
    </message>
    <message>
        <source>Try a {preset} run, or add more photos (you gave {photos}).</source>
        <translation>试试“{preset}”训练，或添加更多照片（你提供了 {photos} 张）。</translation>
    </message>
    <message>
        <source>Add more photos of the kind you restore (you gave {photos}).</source>
        <translation>请添加更多与你要修复的照片同类的照片（你提供了 {photos} 张）。</translation>
    </message>
    <message>
        <source>Saving it is not recommended: a simple enlargement is closer to your originals. You can still save it with Save Anyway.</source>
        <translation>不建议保存：普通放大更接近你的原图。你仍可以用“仍然保存”保存它。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Restore your old photos and films</source>
        <translation>修复你的老照片和老影片</translation>
    </message>
    <message>
        <source>Open Photos…</source>
        <translation>打开照片…</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Try it on a sample photo</source>
        <translation>用示例照片试一试</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>the photo is too large for the memory available</source>
        <translation>照片太大，可用内存不足</translation>
    </message>
    <message>
        <source>The saved device, {saved}, is not available ({reason}); restoring on {device} instead.</source>
        <translation>保存的设备 {saved} 不可用（{reason}），改在 {device} 上修复。</translation>
    </message>
    <message>
        <source>unexpected error ({error}); details are in the log file</source>
        <translation>意外错误（{error}）；详情见日志文件</translation>
    </message>
    <message>
        <source>a frame sequence is restored on this computer only (a cluster&apos;s workers read film files): turn off Restore on a cluster, under Processing, to restore it</source>
        <translation>帧序列只能在本机修复（集群的工作节点只读取影片文件）：请在“处理”下关闭“在集群上修复”后再修复</translation>
    </message>
    <message>
        <source>a film&apos;s frames are written as pictures on this computer only: turn off Restore on a cluster, under Processing, or choose a film file in Films as, under Films</source>
        <translation>影片的帧只能在本机写成图片：请关闭“处理”下的“在集群上修复”，或在“影片”下的“影片编码”中选择一种影片文件</translation>
    </message>
    <message>
        <source>the output folder {folder} is not there; its drive may not be plugged in</source>
        <translation>输出文件夹 {folder} 不存在；它所在的驱动器可能没有接上</translation>
    </message>
    <message>
        <source>{reason}; the setting is Allow gaps in frame sequences, under Films</source>
        <translation>{reason}；相应设置是“影片”下的“允许帧序列中有缺帧”</translation>
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
<context>
    <name>Workspace</name>
    <message>
        <source>The queue will not be remembered: {reason}</source>
        <translation>队列将不会被记住：{reason}</translation>
    </message>
    <message>
        <source>1 file in the queue is not there: it may have been moved, or be on a drive that is not plugged in.</source>
        <translation>队列中有 1 个文件不在原处：它可能已被移动，或位于未接入的驱动器上。</translation>
    </message>
    <message>
        <source>{count} files in the queue are not there: they may have been moved, or be on a drive that is not plugged in.</source>
        <translation>队列中有 {count} 个文件不在原处：它们可能已被移动，或位于未接入的驱动器上。</translation>
    </message>
    <message>
        <source>The saved queue could not be read ({reason}), so it starts empty; the old file is kept as {name}.</source>
        <translation>无法读取保存的队列（{reason}），因此队列从空开始；旧文件保留为 {name}。</translation>
    </message>
</context>
</TS>
