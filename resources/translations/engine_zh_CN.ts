<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>engine</name>
        <message>
            <source>--crf applies to h264 and h265 only, not to {codec}</source>
            <translation>--crf 只适用于 h264 和 h265，不适用于 {codec}</translation>
        </message>
        <message>
            <source>--frame and the film cleanups are for films; a photo's dust: --find-spots</source>
            <translation>--frame 和影片清理选项只用于影片；照片的灰尘请用 --find-spots</translation>
        </message>
        <message>
            <source>--marks are drawn for one photo: give only that one</source>
            <translation>--marks 是为一张照片绘制的：请只给出那一张</translation>
        </message>
        <message>
            <source>--quality applies to h264 and h265 only, not to {codec}</source>
            <translation>--quality 仅适用于 h264 和 h265，不适用于 {codec}</translation>
        </message>
        <message>
            <source>--split is a share of the width, from 0 to 1</source>
            <translation>--split 是宽度的比例，取 0 到 1</translation>
        </message>
        <message>
            <source>ARCHITECTURE</source>
            <translation>架构</translation>
        </message>
        <message>
            <source>Apple Metal (MPS) is only available on Apple silicon Macs</source>
            <translation>Apple Metal（MPS）仅适用于搭载 Apple 芯片的 Mac</translation>
        </message>
        <message>
            <source>D(real) {real:.2f} D(fake) {fake:.2f}</source>
            <translation>D(真实) {real:.2f} D(生成) {fake:.2f}</translation>
        </message>
        <message>
            <source>MODEL</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>NAME</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>ORIGIN</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Rekindle's result, left out: {name}</source>
            <translation>Rekindle 的成果，未使用：{name}</translation>
        </message>
        <message>
            <source>SCALE</source>
            <translation>倍数</translation>
        </message>
        <message>
            <source>SIZE</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>a batch of the same settings is being restored into {folder} by {holder}; wait for it or stop it</source>
            <translation>{holder}正以相同设置将这批照片修复到 {folder}；请等它完成或将其停止</translation>
        </message>
        <message>
            <source>a clean-up dataset (scale 1) needs a degradation: its pairs differ only by it</source>
            <translation>清理数据集（倍数 1）需要一种退化方式：其图像对之间只有这一处不同</translation>
        </message>
        <message>
            <source>a clean-up model (scale 1) learns from damage alone: choose a damage other than none for packed data</source>
            <translation>清理模型（倍数 1）只从损伤中学习：打包数据请选择 none 以外的损伤类型</translation>
        </message>
        <message>
            <source>a file is in the way where a folder is needed</source>
            <translation>需要文件夹的位置被一个文件占着</translation>
        </message>
        <message>
            <source>a film is enlarged by a scale; a size is for photos</source>
            <translation>影片按倍数放大；指定尺寸仅适用于照片</translation>
        </message>
        <message>
            <source>a film is enlarged by a scale; a size to restore to is for photos</source>
            <translation>影片按倍数放大；指定修复尺寸只适用于照片</translation>
        </message>
        <message>
            <source>a film is restored into frames on this machine only: give it without --cluster</source>
            <translation>影片只能在本机修复为帧：请不要使用 --cluster</translation>
        </message>
        <message>
            <source>a film's preview needs --frame N, and takes no --part</source>
            <translation>影片预览需要 --frame N，且不接受 --part</translation>
        </message>
        <message>
            <source>a frame sequence is restored on this machine only: give it without --cluster</source>
            <translation>帧序列只能在本机修复：请不带 --cluster 给出</translation>
        </message>
        <message>
            <source>a naming pattern needs {{stem}}, the original's name</source>
            <translation>命名模式必须包含 {{stem}}，即原图的文件名</translation>
        </message>
        <message>
            <source>a naming pattern takes only {{stem}} and {{recipe}}, not {{{field}}}</source>
            <translation>命名模式只能使用 {{stem}} 和 {{recipe}}，不能使用 {{{field}}}</translation>
        </message>
        <message>
            <source>a naming pattern's braces must pair up: {{stem}}, {{recipe}}, or {{{{ and }}}} for a brace</source>
            <translation>命名模式中的花括号必须成对：{{stem}}、{{recipe}}，或用 {{{{ 和 }}}} 表示花括号本身</translation>
        </message>
        <message>
            <source>a pack of {count} photos</source>
            <translation>含 {count} 张照片的数据包</translation>
        </message>
        <message>
            <source>a part of a film is restored on one machine only, not on a cluster</source>
            <translation>影片的一部分只能在单台机器上修复，不能在集群上修复</translation>
        </message>
        <message>
            <source>a part of a film is restored on this machine only: give --from and --to without --cluster</source>
            <translation>影片的一部分只能在本机修复：请在不带 --cluster 的情况下使用 --from 和 --to</translation>
        </message>
        <message>
            <source>a photo's preview needs --part X,Y,W,H</source>
            <translation>照片预览需要 --part X,Y,W,H</translation>
        </message>
        <message>
            <source>a print size needs two sides longer than zero</source>
            <translation>冲印尺寸的两边都必须大于零</translation>
        </message>
        <message>
            <source>a segment's seconds of work cannot be negative</source>
            <translation>每段的工作秒数不能为负数</translation>
        </message>
        <message>
            <source>a tile of {side} px is too small: give at least {least}, or 0 to have it chosen</source>
            <translation>{side} 像素的图块太小：请至少给 {least}，或给 0 让程序自动选择</translation>
        </message>
        <message>
            <source>a {strength} applies to the built-in {names} only</source>
            <translation>{strength}仅适用于内置的 {names}</translation>
        </message>
        <message>
            <source>an image in the pack is damaged; pack the photos again</source>
            <translation>打包文件中有图像已损坏；请重新打包照片</translation>
        </message>
        <message>
            <source>an unfinished restoration of {name} made with other settings or another version of Rekindle cannot be continued; it starts over</source>
            <translation>{name} 有一次未完成的修复，是用其他设置或其他版本的 Rekindle 做的，无法接着做；现在从头开始</translation>
        </message>
        <message>
            <source>and {count} more</source>
            <translation>另有 {count} 个</translation>
        </message>
        <message>
            <source>and {count} more failed</source>
            <translation>另有 {count} 个失败</translation>
        </message>
        <message>
            <source>and {count} more result of a photo given too, left out</source>
            <translation>另有 {count} 个同时给出的照片的结果，已略过</translation>
        </message>
        <message>
            <source>and {count} more results of photos given too, left out</source>
            <translation>另有 {count} 个同时给出的照片的结果，已略过</translation>
        </message>
        <message>
            <source>another run</source>
            <translation>另一次运行</translation>
        </message>
        <message>
            <source>another run (process {process})</source>
            <translation>另一次运行（进程 {process}）</translation>
        </message>
        <message>
            <source>available</source>
            <translation>可用</translation>
        </message>
        <message>
            <source>bad hyper-parameters for {architecture}: {error}</source>
            <translation>{architecture} 的超参数有误：{error}</translation>
        </message>
        <message>
            <source>batch must be at least 1</source>
            <translation>批大小至少为 1</translation>
        </message>
        <message>
            <source>being restored into the same file by {holder}; wait for it or stop it</source>
            <translation>{holder}正在修复到同一个文件；请等它完成，或停止它</translation>
        </message>
        <message>
            <source>being restored into the same frames by {holder}; wait for it or stop it</source>
            <translation>{holder}正在修复到同一组帧；请等它完成，或停止它</translation>
        </message>
        <message>
            <source>built-in</source>
            <translation>内置</translation>
        </message>
        <message>
            <source>calming grain</source>
            <translation>平抑颗粒</translation>
        </message>
        <message>
            <source>can only grow a model wider: its {setting} is {old}, not {new}</source>
            <translation>只能把模型加宽：它的 {setting} 是 {old}，而不是 {new}</translation>
        </message>
        <message>
            <source>can only grow a model wider: {setting} {new} is narrower than the model's {old}</source>
            <translation>只能把模型加宽：{setting} {new} 比模型的 {old} 更窄</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>cannot be read or written ({reason})</source>
            <translation>无法读取或写入（{reason}）</translation>
        </message>
        <message>
            <source>cannot be used</source>
            <translation>无法使用</translation>
        </message>
        <message>
            <source>cannot join the Ray cluster at {address} ({error})</source>
            <translation>无法加入 {address} 上的 Ray 集群（{error}）</translation>
        </message>
        <message>
            <source>cannot reach a Ray cluster at {host}:{port} ({reason}); start one there with `ray start --head`, or give the address local to start one on this computer</source>
            <translation>无法连接 {host}:{port} 处的 Ray 集群（{reason}）；请在那里用 `ray start --head` 启动一个，或填写地址 local 在本机启动一个</translation>
        </message>
        <message>
            <source>cannot use {choice}: the CUDA GPUs here are cuda:0 to cuda:{last}</source>
            <translation>无法使用 {choice}：这台电脑上的 CUDA GPU 是 cuda:0 到 cuda:{last}</translation>
        </message>
        <message>
            <source>cannot use {choice}: the only CUDA GPU here is cuda:0</source>
            <translation>无法使用 {choice}：这台电脑上唯一的 CUDA GPU 是 cuda:0</translation>
        </message>
        <message>
            <source>cannot use {kind}: {reason}</source>
            <translation>无法使用 {kind}：{reason}</translation>
        </message>
        <message>
            <source>cannot write into {folder} ({reason})</source>
            <translation>无法写入 {folder}（{reason}）</translation>
        </message>
        <message>
            <source>checkpoint seconds cannot be negative (0 turns them off)</source>
            <translation>检查点秒数不能为负数（0 表示关闭）</translation>
        </message>
        <message>
            <source>checkpoints and validations fall due every 1 step or more</source>
            <translation>检查点和验证的间隔必须至少为 1 步</translation>
        </message>
        <message>
            <source>connection refused</source>
            <translation>连接被拒绝</translation>
        </message>
        <message>
            <source>content loss must be one of {choices}</source>
            <translation>内容损失必须是以下之一：{choices}</translation>
        </message>
        <message>
            <source>continued from frame {frame}</source>
            <translation>从第 {frame} 帧继续</translation>
        </message>
        <message>
            <source>continued from {file}</source>
            <translation>从 {file} 继续</translation>
        </message>
        <message>
            <source>continuing from frame {frame} of {frames}</source>
            <translation>从第 {frame} 帧继续（共 {frames} 帧）</translation>
        </message>
        <message>
            <source>continuing from step {step} ({checkpoint}; remove it to start afresh)</source>
            <translation>从第 {step} 步继续（{checkpoint}；删除它即可重新开始）</translation>
        </message>
        <message>
            <source>continuing from {file}</source>
            <translation>从 {file} 继续</translation>
        </message>
        <message>
            <source>crop must be a multiple of the scale and at least {least}</source>
            <translation>裁切尺寸必须是倍数的整数倍，且至少为 {least}</translation>
        </message>
        <message>
            <source>crops per image must be at least 1</source>
            <translation>每张照片的裁切数至少为 1</translation>
        </message>
        <message>
            <source>crops per megapixel cannot be negative</source>
            <translation>每百万像素的裁切数不能为负数</translation>
        </message>
        <message>
            <source>damage must be one of {choices}</source>
            <translation>损伤方式必须是以下之一：{choices}</translation>
        </message>
        <message>
            <source>damage must be one of {damages}, not '{damage}'</source>
            <translation>损伤类型必须是 {damages} 之一，而不是“{damage}”</translation>
        </message>
        <message>
            <source>degrade must be one of {choices}</source>
            <translation>退化方式必须是以下之一：{choices}</translation>
        </message>
        <message>
            <source>deinterlaced</source>
            <translation>已去隔行</translation>
        </message>
        <message>
            <source>detail strength</source>
            <translation>细节强度</translation>
        </message>
        <message>
            <source>detail {share:.0%}</source>
            <translation>细节 {share:.0%}</translation>
        </message>
        <message>
            <source>dry run, nothing written: {counts}</source>
            <translation>试运行，未写入任何内容：{counts}</translation>
        </message>
        <message>
            <source>duplicate, packed once</source>
            <translation>重复，只打包一次</translation>
        </message>
        <message>
            <source>duplicate, used once</source>
            <translation>重复，只使用一次</translation>
        </message>
        <message>
            <source>dust and specks filled where found</source>
            <translation>发现的灰尘和斑点已填补</translation>
        </message>
        <message>
            <source>eight orientations each</source>
            <translation>每张取八个方向</translation>
        </message>
        <message>
            <source>ema must be 0 (off) or a decay below 1, such as 0.999</source>
            <translation>ema 必须为 0（关闭）或小于 1 的衰减率，如 0.999</translation>
        </message>
        <message>
            <source>enlarging {scale}x</source>
            <translation>放大 {scale} 倍</translation>
        </message>
        <message>
            <source>error: an unexpected fault stopped the run ({fault})</source>
            <translation>错误：意外故障使运行停止（{fault}）</translation>
        </message>
        <message>
            <source>error: an unexpected fault stopped the run ({fault}); its details are in {path}</source>
            <translation>错误：意外故障使运行停止（{fault}）；详情见 {path}</translation>
        </message>
        <message>
            <source>error: {reason}</source>
            <translation>错误：{reason}</translation>
        </message>
        <message>
            <source>every pixel exact</source>
            <translation>每个像素完全一致</translation>
        </message>
        <message>
            <source>fading fixed where found</source>
            <translation>发现褪色处已校正</translation>
        </message>
        <message>
            <source>failed: {failure}</source>
            <translation>失败：{failure}</translation>
        </message>
        <message>
            <source>fields matched into film frames</source>
            <translation>场已配对还原为胶片帧</translation>
        </message>
        <message>
            <source>file</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>films</source>
            <translation>影片</translation>
        </message>
        <message>
            <source>films left out (restore each with restore-video): {names}</source>
            <translation>已略过影片（请用 restore-video 逐个修复）：{names}</translation>
        </message>
        <message>
            <source>find-spots looks at photos; a film's dust and dirt: restore-video --remove-dust, and what stays put on every frame: restore-video --marks PNG</source>
            <translation>find-spots 用于照片；影片的灰尘和污点请用 restore-video --remove-dust，每一帧上固定不动的瑕疵请用 restore-video --marks PNG</translation>
        </message>
        <message>
            <source>finding spots is for photos; a film's dust: --remove-dust</source>
            <translation>查找斑点仅适用于照片；影片的灰尘请用 --remove-dust</translation>
        </message>
        <message>
            <source>fine grain added ({percent}%)</source>
            <translation>已添加细颗粒（{percent}%）</translation>
        </message>
        <message>
            <source>finished at step {step}: model saved to {path}</source>
            <translation>在第 {step} 步完成：模型已保存到 {path}</translation>
        </message>
        <message>
            <source>frame sequences at {rate} fps</source>
            <translation>帧序列按 {rate} fps</translation>
        </message>
        <message>
            <source>frame {index} could not be decoded</source>
            <translation>第 {index} 帧无法解码</translation>
        </message>
        <message>
            <source>growing a model needs the model to start from (--init)</source>
            <translation>加宽模型需要指定起始模型（--init）</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <source>imported {file} as {name}: {model}</source>
            <translation>已将 {file} 导入为 {name}：{model}</translation>
        </message>
        <message>
            <source>in point</source>
            <translation>入点</translation>
        </message>
        <message>
            <source>it answers in another protocol</source>
            <translation>对方以其他协议应答</translation>
        </message>
        <message>
            <source>it hangs up</source>
            <translation>对方挂断了连接</translation>
        </message>
        <message>
            <source>it says nothing within {seconds:g} s</source>
            <translation>{seconds:g} 秒内没有任何回应</translation>
        </message>
        <message>
            <source>its earlier result {name} is there (--overwrite replaces it, --skip-existing leaves it)</source>
            <translation>其先前的结果 {name} 已在那里（--overwrite 会替换它，--skip-existing 会保留它）</translation>
        </message>
        <message>
            <source>its sound would go where {holder} is writing the sound of other frames of the same name; wait for it or choose another name</source>
            <translation>它的声音将写到 {holder} 正在写入的同名其他帧的声音处；请等待其完成，或换一个名称</translation>
        </message>
        <message>
            <source>joining the segments</source>
            <translation>正在合并片段</translation>
        </message>
        <message>
            <source>left out: {name} is Rekindle's result of {source}, given too (to {command} the result itself, give it on its own)</source>
            <translation>已略过：{name} 是 Rekindle 由 {source} 得到的结果，也一并给出了（如要对该结果本身运行 {command}，请单独给出它）</translation>
        </message>
        <message>
            <source>marks are written as a .png</source>
            <translation>标记只能保存为 .png 文件</translation>
        </message>
        <message>
            <source>measuring the fading: {done}/{total} frames</source>
            <translation>正在测量褪色：{done}/{total} 帧</translation>
        </message>
        <message>
            <source>no NVIDIA GPU with a working CUDA driver was found</source>
            <translation>未找到带有可用 CUDA 驱动程序的 NVIDIA GPU</translation>
        </message>
        <message>
            <source>no answer</source>
            <translation>无应答</translation>
        </message>
        <message>
            <source>no answer within {seconds:g} s</source>
            <translation>{seconds:g} 秒内无应答</translation>
        </message>
        <message>
            <source>no computer has that name</source>
            <translation>没有叫这个名字的计算机</translation>
        </message>
        <message>
            <source>no films or frame sequences in this folder ({films}; numbered {frames} frames)</source>
            <translation>此文件夹中没有影片，也没有帧序列（{films}；编号的 {frames} 帧）</translation>
        </message>
        <message>
            <source>no images found in the inputs</source>
            <translation>输入中没有找到图像</translation>
        </message>
        <message>
            <source>no images found in the inputs, but {files} (it reads PNG, JPEG, TIFF, WebP, BMP, HEIC and DPX)</source>
            <translation>输入中没有找到图像，只有 {files}（可读取 PNG、JPEG、TIFF、WebP、BMP、HEIC 和 DPX）</translation>
        </message>
        <message>
            <source>no model called '{name}' (built-in models: none)</source>
            <translation>没有名为“{name}”的模型（内置模型：无）</translation>
        </message>
        <message>
            <source>no model called '{name}' (built-in models: {known})</source>
            <translation>没有名为“{name}”的模型（内置模型：{known}）</translation>
        </message>
        <message>
            <source>no model called '{name}' (built-in models: {known}; yours: {yours})</source>
            <translation>没有名为“{name}”的模型（内置模型：{known}；您的模型：{yours}）</translation>
        </message>
        <message>
            <source>no model called '{name}' (built-in models: {known}; {count} of your own: {command} models list shows them)</source>
            <translation>没有名为“{name}”的模型（内置模型：{known}；您自己的模型有 {count} 个：{command} models list 可列出它们）</translation>
        </message>
        <message>
            <source>no model called '{name}' ({command} models lists them)</source>
            <translation>没有名为“{name}”的模型（{command} models 可列出它们）</translation>
        </message>
        <message>
            <source>no prints were found on a lid: this looks like a single photo, not a scan of prints</source>
            <translation>没有在扫描仪盖板上找到照片：这看起来是一张单独的照片，而不是照片的扫描件</translation>
        </message>
        <message>
            <source>no prints were found on the scan: they must lie apart, on a plain background</source>
            <translation>扫描件上没有找到照片：各张照片必须彼此分开，放在纯色背景上</translation>
        </message>
        <message>
            <source>no way to that computer</source>
            <translation>无法到达那台计算机</translation>
        </message>
        <message>
            <source>no way to that network</source>
            <translation>无法到达那个网络</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>not a recipe ({error})</source>
            <translation>不是有效的处理设置记录（{error}）</translation>
        </message>
        <message>
            <source>not imported: {reason}</source>
            <translation>未导入：{reason}</translation>
        </message>
        <message>
            <source>note: left out {files}</source>
            <translation>注意：已略过 {files}</translation>
        </message>
        <message>
            <source>note: {note}</source>
            <translation>注意：{note}</translation>
        </message>
        <message>
            <source>nothing at {address} answers as a Ray cluster ({reason}); give the port `ray start --head` listens on (--port, 6379 by default), not the dashboard's</source>
            <translation>{address} 上没有任何服务以 Ray 集群的方式应答（{reason}）；请给出 `ray start --head` 监听的端口（--port，默认为 6379），而不是仪表板的端口</translation>
        </message>
        <message>
            <source>nothing in {folder} could be cut into pairs</source>
            <translation>{folder} 中没有可裁成样本对的内容</translation>
        </message>
        <message>
            <source>nothing in {folder} could be packed</source>
            <translation>{folder} 中没有可打包的内容</translation>
        </message>
        <message>
            <source>on a cluster of {workers}</source>
            <translation>在集群上运行（{workers}）</translation>
        </message>
        <message>
            <source>on {device}, tiles of {tile} px</source>
            <translation>在 {device} 上，图块 {tile} 像素</translation>
        </message>
        <message>
            <source>only from {start} to {stop}</source>
            <translation>仅从 {start} 到 {stop}</translation>
        </message>
        <message>
            <source>out point</source>
            <translation>出点</translation>
        </message>
        <message>
            <source>packing</source>
            <translation>正在打包</translation>
        </message>
        <message>
            <source>permission denied</source>
            <translation>权限不足</translation>
        </message>
        <message>
            <source>photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>prepared dataset, left out: {name}</source>
            <translation>已准备的数据集，未使用：{name}</translation>
        </message>
        <message>
            <source>preparing</source>
            <translation>正在准备</translation>
        </message>
        <message>
            <source>previewing</source>
            <translation>正在预览</translation>
        </message>
        <message>
            <source>prints lying against each other cannot be told apart: lay them a few millimetres apart and scan them again</source>
            <translation>紧挨在一起的照片无法分开：请将它们相隔几毫米摆放后重新扫描</translation>
        </message>
        <message>
            <source>psutil is needed to size work on the {device}</source>
            <translation>需要 psutil 才能确定在 {device} 上的工作规模</translation>
        </message>
        <message>
            <source>reading the photos</source>
            <translation>正在读取照片</translation>
        </message>
        <message>
            <source>removed {file}</source>
            <translation>已删除 {file}</translation>
        </message>
        <message>
            <source>removing dust</source>
            <translation>去除灰尘</translation>
        </message>
        <message>
            <source>renamed: {count} results saved under other names, as their own were taken</source>
            <translation>已改名：{count} 个结果因原名已被占用，以其他名称保存</translation>
        </message>
        <message>
            <source>renamed: {count} results saved under other names, as theirs held results made with other settings</source>
            <translation>已改名：{count} 个结果因原名处已有以其他设置修复的结果，以其他名称保存</translation>
        </message>
        <message>
            <source>renamed: {name} saved as {given} ({why})</source>
            <translation>已改名：{name} 保存为 {given}（{why}）</translation>
        </message>
        <message>
            <source>repair strength</source>
            <translation>修复强度</translation>
        </message>
        <message>
            <source>repair {share:.0%}</source>
            <translation>修复 {share:.0%}</translation>
        </message>
        <message>
            <source>replacing its earlier result</source>
            <translation>替换其先前的结果</translation>
        </message>
        <message>
            <source>resize must be one of {choices}</source>
            <translation>缩放方法必须是以下之一：{choices}</translation>
        </message>
        <message>
            <source>restored the frame of {pattern} whose file was not whole: {numbers}</source>
            <translation>已修复 {pattern} 中文件不完整的那一帧：{numbers}</translation>
        </message>
        <message>
            <source>restored the missing frame of {pattern}: {numbers}</source>
            <translation>已修复 {pattern} 缺失的那一帧：{numbers}</translation>
        </message>
        <message>
            <source>restored the {count} frames of {pattern} whose files were not whole: {numbers}</source>
            <translation>已修复 {pattern} 中文件不完整的 {count} 帧：{numbers}</translation>
        </message>
        <message>
            <source>restored the {count} missing frames of {pattern}: {numbers}</source>
            <translation>已修复 {pattern} 缺失的 {count} 帧：{numbers}</translation>
        </message>
        <message>
            <source>restoring</source>
            <translation>正在修复</translation>
        </message>
        <message>
            <source>restoring on a cluster needs Ray, an optional part of Rekindle: install it with pip install 'rekindle[cluster]' (or pip install ray)</source>
            <translation>在集群上修复需要 Ray（Rekindle 的可选组件）：请用 pip install 'rekindle[cluster]'（或 pip install ray）安装</translation>
        </message>
        <message>
            <source>run the command again for the photos not listed above</source>
            <translation>对上面未列出的照片再次运行该命令</translation>
        </message>
        <message>
            <source>run the command again for the scans not listed above</source>
            <translation>对上面未列出的扫描件再次运行该命令</translation>
        </message>
        <message>
            <source>run the same command again</source>
            <translation>再次运行同一命令</translation>
        </message>
        <message>
            <source>run the same command again to continue</source>
            <translation>再次运行同一命令即可继续</translation>
        </message>
        <message>
            <source>run the same command again to continue from its last checkpoint (from the start if it wrote none)</source>
            <translation>再次运行同一命令，即可从最后一个检查点继续（若尚未写出检查点则从头开始）</translation>
        </message>
        <message>
            <source>run the same command again to pack the photos (it starts over)</source>
            <translation>再次运行同一命令以打包照片（将从头开始）</translation>
        </message>
        <message>
            <source>run the same command again to prepare the dataset (it starts over)</source>
            <translation>再次运行同一命令以准备数据集（将从头开始）</translation>
        </message>
        <message>
            <source>run the same command again to restore the rest (photos already restored are skipped)</source>
            <translation>再次运行同一命令即可修复其余照片（已修复的照片会被跳过）</translation>
        </message>
        <message>
            <source>run {run}</source>
            <translation>训练 {run}</translation>
        </message>
        <message>
            <source>run {run} has its training data but has not started training: start it in the training wizard</source>
            <translation>训练 {run} 已有训练数据，但尚未开始训练：请在训练向导中开始</translation>
        </message>
        <message>
            <source>run {run}: from step {step} of {steps}</source>
            <translation>运行 {run}：从第 {step} 步开始，共 {steps} 步</translation>
        </message>
        <message>
            <source>run {run}: {data} from {source}, {scale}x</source>
            <translation>运行 {run}：{data}，来自 {source}，{scale} 倍</translation>
        </message>
        <message>
            <source>same size</source>
            <translation>原尺寸</translation>
        </message>
        <message>
            <source>saved as {name}</source>
            <translation>已保存为 {name}</translation>
        </message>
        <message>
            <source>saved {name}</source>
            <translation>已保存 {name}</translation>
        </message>
        <message>
            <source>saving {name}</source>
            <translation>正在保存 {name}</translation>
        </message>
        <message>
            <source>scale must be 1, 2 or 4</source>
            <translation>倍数必须是 1、2 或 4</translation>
        </message>
        <message>
            <source>segment {index} in the work folder is damaged; delete {folder} and restore again</source>
            <translation>工作文件夹中的第 {index} 段已损坏；请删除 {folder} 后重新修复</translation>
        </message>
        <message>
            <source>segment {index} of {name}</source>
            <translation>{name} 的第 {index} 段</translation>
        </message>
        <message>
            <source>segment {index} of {name} was stopped on worker {worker} after {frames} of its {planned} frames, which are kept for the next run</source>
            <translation>{name} 的第 {index} 段在工作进程 {worker} 上完成其 {planned} 帧中的 {frames} 帧后被停止，这些帧已保留，供下次运行继续</translation>
        </message>
        <message>
            <source>segments must hold at least one frame</source>
            <translation>每段至少要包含一帧</translation>
        </message>
        <message>
            <source>several models are called '{name}': {files}; name the one you mean as written here, or give its path</source>
            <translation>有多个模型名为“{name}”：{files}；请按此处所写的名称指明要用的那个，或给出其路径</translation>
        </message>
        <message>
            <source>shrink must lie between 0.25 and 1 (1: crops are never reduced)</source>
            <translation>缩小比例必须在 0.25 到 1 之间（1：裁切从不缩小）</translation>
        </message>
        <message>
            <source>shrink must lie between 0.25 and 1 (1: patches are never reduced)</source>
            <translation>缩小比例必须在 0.25 到 1 之间（1：图块从不缩小）</translation>
        </message>
        <message>
            <source>skipped: {name} (already restored as {result})</source>
            <translation>已跳过：{name}（已修复为 {result}）</translation>
        </message>
        <message>
            <source>skipped: {name} (restored before with other settings, as {result})</source>
            <translation>已跳过：{name}（之前已用其他设置修复为 {result}）</translation>
        </message>
        <message>
            <source>skipped: {name} ({result} is already there)</source>
            <translation>已跳过：{name}（{result} 已存在）</translation>
        </message>
        <message>
            <source>smaller than {side} px</source>
            <translation>小于 {side} 像素</translation>
        </message>
        <message>
            <source>smoothing repeated frames</source>
            <translation>平滑重复帧</translation>
        </message>
        <message>
            <source>something of that name is in the way</source>
            <translation>已有同名的项目挡在那里</translation>
        </message>
        <message>
            <source>steadying flicker</source>
            <translation>稳定闪烁</translation>
        </message>
        <message>
            <source>steadying the picture</source>
            <translation>稳定画面</translation>
        </message>
        <message>
            <source>step {step}: PSNR {psnr:.2f} dB, SSIM {ssim:.4f} (bicubic {bicubic_psnr:.2f} dB, {bicubic_ssim:.4f})</source>
            <translation>第 {step} 步：PSNR {psnr:.2f} dB，SSIM {ssim:.4f}（双三次插值 {bicubic_psnr:.2f} dB，{bicubic_ssim:.4f}）</translation>
        </message>
        <message>
            <source>step {step}: checkpoint {path}</source>
            <translation>第 {step} 步：检查点 {path}</translation>
        </message>
        <message>
            <source>stopped at once; {again}</source>
            <translation>已立即停止；{again}</translation>
        </message>
        <message>
            <source>stopped at step {step}; run the same command again to continue</source>
            <translation>已在第 {step} 步停止；再次运行同一命令即可继续</translation>
        </message>
        <message>
            <source>stopped at step {step}; run the same command to continue</source>
            <translation>已在第 {step} 步停止；运行同一命令即可继续</translation>
        </message>
        <message>
            <source>stopped before the end; {again}</source>
            <translation>未完成即已停止；{again}</translation>
        </message>
        <message>
            <source>stopped early at step {step}: model saved to {path}</source>
            <translation>在第 {step} 步提前停止：模型已保存到 {path}</translation>
        </message>
        <message>
            <source>stopped: {reason}, so no more results can be saved; make room, then run the same command again to restore the rest (photos already restored are skipped)</source>
            <translation>已停止：{reason}，因此无法再保存更多结果；请腾出空间，然后再次运行同一命令以修复其余照片（已修复的照片会被跳过）</translation>
        </message>
        <message>
            <source>stopped: {reason}, so no more results can be saved; once it can be written to, run the same command again to restore the rest (photos already restored are skipped)</source>
            <translation>已停止：{reason}，因此无法再保存更多结果；待其可以写入后，再次运行同一命令以修复其余照片（已修复的照片会被跳过）</translation>
        </message>
        <message>
            <source>stopping</source>
            <translation>正在停止</translation>
        </message>
        <message>
            <source>stopping after this photo</source>
            <translation>处理完这张照片后停止</translation>
        </message>
        <message>
            <source>stopping: saving a checkpoint and the model first</source>
            <translation>正在停止：先保存检查点和模型</translation>
        </message>
        <message>
            <source>stopping: what is finished is kept</source>
            <translation>正在停止：已完成的部分会保留</translation>
        </message>
        <message>
            <source>the CRF must be between 0 and {most}, not {crf}</source>
            <translation>CRF 必须在 0 到 {most} 之间，而不是 {crf}</translation>
        </message>
        <message>
            <source>the FFT loss's weight cannot be negative</source>
            <translation>FFT 损失的权重不能为负数</translation>
        </message>
        <message>
            <source>the Ray cluster at {address} answers only with its token, and this computer has another or none: copy the head's ~/.ray/auth_token (where `ray start` keeps it) to {path} here</source>
            <translation>{address} 处的 Ray 集群只接受它自己的令牌，而本机的令牌不同或没有令牌：请把头节点的 ~/.ray/auth_token（`ray start` 存放令牌之处）复制到本机的 {path}</translation>
        </message>
        <message>
            <source>the Ray cluster at {address} stopped answering</source>
            <translation>{address} 处的 Ray 集群已不再应答</translation>
        </message>
        <message>
            <source>the Ray cluster at {address} stopped answering; the {kept} of {total} frames restored so far are kept for the next run</source>
            <translation>{address} 处的 Ray 集群已不再应答；目前已修复的 {kept}/{total} 帧已保留，供下次运行继续</translation>
        </message>
        <message>
            <source>the attachment ({file})</source>
            <translation>附件（{file}）</translation>
        </message>
        <message>
            <source>the audio stream ({codec})</source>
            <translation>音频流（{codec}）</translation>
        </message>
        <message>
            <source>the checkpoint was made by a newer Rekindle with settings this version does not know ({settings}); finish the run with that version or start afresh</source>
            <translation>该检查点由更新版本的 Rekindle 制作，含有本版本不认识的设置（{settings}）；请用那个版本完成这次训练，或重新开始</translation>
        </message>
        <message>
            <source>the checkpoint was made for a different network ({differences}); resume with its settings or start afresh</source>
            <translation>该检查点是为不同的网络制作的（{differences}）；请用它的设置继续训练，或重新开始</translation>
        </message>
        <message>
            <source>the checkpoint was made on a folder of pairs, not a pack; resume it on the same data</source>
            <translation>该检查点是在样本对文件夹上训练的，而不是在打包文件上；请用同样的数据继续训练</translation>
        </message>
        <message>
            <source>the checkpoint was made on a pack, not a folder of pairs; resume it on the same data</source>
            <translation>该检查点是在打包文件上训练的，而不是在样本对文件夹上；请用同样的数据继续训练</translation>
        </message>
        <message>
            <source>the cluster at {address} has no CPU or GPU to work on</source>
            <translation>{address} 处的集群没有可用的 CPU 或 GPU</translation>
        </message>
        <message>
            <source>the connection was cut</source>
            <translation>连接被中断</translation>
        </message>
        <message>
            <source>the device ran out of memory even for the smallest tile; choose the CPU or close other programs</source>
            <translation>即使使用最小的分块，设备内存仍然不足；请选择 CPU 或关闭其他程序</translation>
        </message>
        <message>
            <source>the discriminator halves its patches {depth} times, too often for {patch} px ones: choose a --disc-depth of at most {most} or larger patches</source>
            <translation>评判网络会将图块减半 {depth} 次，对 {patch} 像素的图块来说次数太多：请选择不超过 {most} 的 --disc-depth，或使用更大的图块</translation>
        </message>
        <message>
            <source>the discriminator's width and depth must be at least 1</source>
            <translation>判别器的宽度和深度至少为 1</translation>
        </message>
        <message>
            <source>the disk is full</source>
            <translation>磁盘已满</translation>
        </message>
        <message>
            <source>the disk is read-only</source>
            <translation>磁盘为只读</translation>
        </message>
        <message>
            <source>the disk quota is used up</source>
            <translation>磁盘配额已用完</translation>
        </message>
        <message>
            <source>the end</source>
            <translation>结尾</translation>
        </message>
        <message>
            <source>the file is too large for this disk</source>
            <translation>文件对此磁盘来说太大</translation>
        </message>
        <message>
            <source>the file or its folder is gone (moved, deleted, or its drive unplugged)</source>
            <translation>文件或其所在文件夹已不在（已被移动、删除，或其驱动器已拔出）</translation>
        </message>
        <message>
            <source>the film is not finished; nothing to join</source>
            <translation>影片尚未修复完成；没有可合并的内容</translation>
        </message>
        <message>
            <source>the film of {folder} would go into {folder} itself, among its frames: choose another output folder (-o)</source>
            <translation>{folder} 的影片会写进 {folder} 本身、与其帧混在一起：请选择另一个输出文件夹（-o）</translation>
        </message>
        <message>
            <source>the generator halves its {blurry} px blurry patches {depth} times, too often for them: choose a --depth of at most {most} or larger patches</source>
            <translation>生成网络会将 {blurry} 像素的模糊图块减半 {depth} 次，次数太多：请选择不超过 {most} 的 --depth，或使用更大的图块</translation>
        </message>
        <message>
            <source>the grey share must lie between 0 and 1</source>
            <translation>黑白比例必须在 0 到 1 之间</translation>
        </message>
        <message>
            <source>the in point of {name} is at its end, after its last frame ({frames}): there is nothing after it to restore</source>
            <translation>{name} 的入点位于其结尾，即最后一帧（{frames}）之后：其后没有可修复的内容</translation>
        </message>
        <message>
            <source>the last run of these settings into {folder} had failures or did not finish: {what} it restored are skipped (--no-skip-existing restores them again)</source>
            <translation>上次以相同设置向 {folder} 进行的运行有失败或未完成：跳过其已修复的{what}（--no-skip-existing 会重新修复它们）</translation>
        </message>
        <message>
            <source>the learning rates can be at most {most} (such as 2e-4): larger ones make training diverge</source>
            <translation>学习率最多为 {most}（例如 2e-4）：更大的学习率会使训练发散</translation>
        </message>
        <message>
            <source>the learning rates must be above 0</source>
            <translation>学习率必须大于 0</translation>
        </message>
        <message>
            <source>the long side must be at least one pixel</source>
            <translation>长边必须至少为 1 像素</translation>
        </message>
        <message>
            <source>the losses' weights cannot be negative</source>
            <translation>各损失的权重不能为负数</translation>
        </message>
        <message>
            <source>the marked places filled</source>
            <translation>已填补标记处</translation>
        </message>
        <message>
            <source>the marked places filled on every frame</source>
            <translation>每一帧的标记处均已填补</translation>
        </message>
        <message>
            <source>the marks are {marks_width}x{marks_height}, but the photo is {width}x{height}: marks are drawn on a picture of the photo's own size</source>
            <translation>标记为 {marks_width}x{marks_height}，而照片为 {width}x{height}：标记必须画在与照片同样大小的图上</translation>
        </message>
        <message>
            <source>the marks are {wide}x{high}, but the frames of {name} are {width}x{height}: marks are drawn on a frame of the film's own size</source>
            <translation>标记为 {wide}x{high}，但 {name} 的帧为 {width}x{height}：标记应画在与影片尺寸相同的帧上</translation>
        </message>
        <message>
            <source>the model {model} answered {width}x{height} pixels with {answer_width}x{answer_height}, where its file promises {scale} times the input's size; the file does not describe its network rightly</source>
            <translation>模型 {model} 对 {width}x{height} 像素的输入给出了 {answer_width}x{answer_height} 的结果，而其文件声称输出为输入尺寸的 {scale} 倍；该文件对其网络的描述有误</translation>
        </message>
        <message>
            <source>the model {model} gave a result that is not a picture (NaN or infinite values); its file may be damaged</source>
            <translation>模型 {model} 给出的结果不是图片（含有 NaN 或无穷大的值）；其文件可能已损坏</translation>
        </message>
        <message>
            <source>the name could not be looked up now</source>
            <translation>现在无法查询这个名字</translation>
        </message>
        <message>
            <source>the name is too long for this disk</source>
            <translation>名称对此磁盘来说太长</translation>
        </message>
        <message>
            <source>the output folder {folder} no longer exists; restoring the film again starts it over</source>
            <translation>输出文件夹 {folder} 已不存在；再次修复这部影片将从头开始</translation>
        </message>
        <message>
            <source>the output folder {folder} no longer exists; restoring the film into it again starts its frames over</source>
            <translation>输出文件夹 {folder} 已不存在；再次将影片修复到其中时，帧会从头开始</translation>
        </message>
        <message>
            <source>the output scale must be at least 1, not {scale}</source>
            <translation>输出倍数必须至少为 1，而不是 {scale}</translation>
        </message>
        <message>
            <source>the part of {name} to restore holds no frames: its out point must come after its in point</source>
            <translation>{name} 要修复的部分没有任何帧：出点必须在入点之后</translation>
        </message>
        <message>
            <source>the part {width}x{height} at {x},{y} is not inside the {picture_width}x{picture_height} picture</source>
            <translation>位于 {x},{y} 的 {width}x{height} 部分不在 {picture_width}x{picture_height} 的图像范围内</translation>
        </message>
        <message>
            <source>the patch ({patch}) is larger than the dataset's crops ({crop})</source>
            <translation>图块（{patch}）大于数据集的裁切块（{crop}）</translation>
        </message>
        <message>
            <source>the patch must be a multiple of the scale and at least {least} px</source>
            <translation>图块尺寸必须是倍数的整数倍，且至少为 {least} 像素</translation>
        </message>
        <message>
            <source>the picture cannot be stored in a pack</source>
            <translation>该图像无法存入打包文件</translation>
        </message>
        <message>
            <source>the resolution must be at least 1 dpi</source>
            <translation>分辨率必须至少为 1 dpi</translation>
        </message>
        <message>
            <source>the restored frames could not be written ({reason}); those restored so far are kept for the next run</source>
            <translation>无法写入修复后的帧（{reason}）；已修复的帧会保留，供下次运行继续</translation>
        </message>
        <message>
            <source>the restored frames could not be written from frame {number} on ({reason}); those written before it are kept for the next run</source>
            <translation>从第 {number} 帧起无法写入修复后的帧（{reason}）；之前写入的帧会保留，供下次运行继续</translation>
        </message>
        <message>
            <source>the restored segments cannot be joined in time order</source>
            <translation>修复后的各段无法按时间顺序合并</translation>
        </message>
        <message>
            <source>the results of {folder} would go into {folder} itself, among its originals: choose another output folder (-o)</source>
            <translation>{folder} 的修复结果会放进 {folder} 本身，与原件混在一起：请另选输出文件夹（-o）</translation>
        </message>
        <message>
            <source>the seed cannot be negative</source>
            <translation>随机种子不能为负数</translation>
        </message>
        <message>
            <source>the smallest side is 1 px or more, and the least PSNR above 0 dB</source>
            <translation>最小边长须至少为 1 像素，最低 PSNR 须高于 0 dB</translation>
        </message>
        <message>
            <source>the spots marked on the scan are not the scan's size</source>
            <translation>扫描件上标记的污点与扫描件的尺寸不一致</translation>
        </message>
        <message>
            <source>the start</source>
            <translation>开头</translation>
        </message>
        <message>
            <source>the subtitle stream ({codec})</source>
            <translation>字幕流（{codec}）</translation>
        </message>
        <message>
            <source>the training time cannot be negative (0: train by steps)</source>
            <translation>训练时间不能为负数（0：按步数训练）</translation>
        </message>
        <message>
            <source>the {role} {text} comes before {name} starts, at {timecode}</source>
            <translation>{role} {text} 早于 {name} 的开头（{timecode}）</translation>
        </message>
        <message>
            <source>the {role} {text} is past the end of {name}, which runs {length} ({frames} frames)</source>
            <translation>{role} {text} 超出了 {name} 的结尾，该影片时长 {length}（{frames} 帧）</translation>
        </message>
        <message>
            <source>the {strength} must be between 0 and 1, not {value}</source>
            <translation>{strength}必须介于 0 和 1 之间，而不是 {value}</translation>
        </message>
        <message>
            <source>there is no unfinished training run in {folder}</source>
            <translation>{folder} 中没有未完成的训练</translation>
        </message>
        <message>
            <source>there is not enough memory</source>
            <translation>内存不足</translation>
        </message>
        <message>
            <source>there must be some warm-up or adversarial steps</source>
            <translation>必须有一些预热步数或对抗步数</translation>
        </message>
        <message>
            <source>these models have different networks and cannot be blended</source>
            <translation>这些模型的网络不同，无法混合</translation>
        </message>
        <message>
            <source>this installation's FFmpeg (in PyAV) has no {encoder} encoder, so {codec} cannot be written; available here: none</source>
            <translation>此安装中的 FFmpeg（PyAV 自带）没有 {encoder} 编码器，因此无法写入 {codec}；此处没有可用的编码格式</translation>
        </message>
        <message>
            <source>this installation's FFmpeg (in PyAV) has no {encoder} encoder, so {codec} cannot be written; available here: {others}</source>
            <translation>此安装中的 FFmpeg（PyAV 自带）没有 {encoder} 编码器，因此无法写入 {codec}；此处可用：{others}</translation>
        </message>
        <message>
            <source>this model does not enlarge, so its result cannot be larger than the photo: leave the output size out</source>
            <translation>此模型不放大，因此结果不能大于原照片：请不要指定输出尺寸</translation>
        </message>
        <message>
            <source>to fit within a {width:g}x{height:g} mm print at {dpi} dpi</source>
            <translation>适合 {width:g}x{height:g} 毫米、{dpi} dpi 的冲印</translation>
        </message>
        <message>
            <source>to restore: {name} as {result}</source>
            <translation>待修复：{name}，保存为 {result}</translation>
        </message>
        <message>
            <source>to restore: {name} as {result} ({why})</source>
            <translation>待修复：{name}，保存为 {result}（{why}）</translation>
        </message>
        <message>
            <source>to {pixels} px on the long side</source>
            <translation>长边 {pixels} 像素</translation>
        </message>
        <message>
            <source>too small for a {crop} crop</source>
            <translation>太小，不够裁出 {crop} 像素的块</translation>
        </message>
        <message>
            <source>torch {version}, {threads} CPU threads</source>
            <translation>torch {version}，{threads} 个 CPU 线程</translation>
        </message>
        <message>
            <source>trained</source>
            <translation>已训练</translation>
        </message>
        <message>
            <source>trained: save it in the training wizard, or here with --save NAME</source>
            <translation>训练已完成：请在训练向导中保存，或在此用 --save NAME 保存</translation>
        </message>
        <message>
            <source>training</source>
            <translation>正在训练</translation>
        </message>
        <message>
            <source>training diverged at step {step} (its losses or weights are no longer numbers); the last checkpoint is kept and nothing after it was saved; try a lower learning rate</source>
            <translation>训练在第 {step} 步发散（损失或权重已不再是有效数值）；上一个检查点保持不变，之后的内容都未保存；请尝试更低的学习率</translation>
        </message>
        <message>
            <source>training on a pack needs --patch, the side of its sharp patches</source>
            <translation>用打包文件训练需要 --patch，即清晰图块的边长</translation>
        </message>
        <message>
            <source>unavailable: {reason}</source>
            <translation>不可用：{reason}</translation>
        </message>
        <message>
            <source>unexpected error ({error}); details are in the log file</source>
            <translation>意外错误（{error}）；详情见日志文件</translation>
        </message>
        <message>
            <source>unknown architecture '{architecture}'</source>
            <translation>未知的架构“{architecture}”</translation>
        </message>
        <message>
            <source>unknown codec</source>
            <translation>未知编码</translation>
        </message>
        <message>
            <source>unknown device '{choice}'; choose one of {choices}</source>
            <translation>未知设备“{choice}”；请从以下选项中选择：{choices}</translation>
        </message>
        <message>
            <source>unknown film quality '{quality}'; choose one of {qualities}</source>
            <translation>未知的影片画质“{quality}”；请从 {qualities} 中选择</translation>
        </message>
        <message>
            <source>unknown video codec '{name}'; choose one of {codecs}</source>
            <translation>未知的视频编码格式“{name}”；请从 {codecs} 中选择</translation>
        </message>
        <message>
            <source>unknown {kind} settings: {names}</source>
            <translation>未知的 {kind} 设置：{names}</translation>
        </message>
        <message>
            <source>unnamed</source>
            <translation>未命名</translation>
        </message>
        <message>
            <source>unreadable: {reason}</source>
            <translation>无法读取：{reason}</translation>
        </message>
        <message>
            <source>warning: damaged frames in {name}: {frames} ({count} in all); the decoder filled in what it could: check them in the result</source>
            <translation>警告：{name} 中有损坏的帧：{frames}（共 {count} 帧）；解码器已尽量补全：请在结果中检查这些帧</translation>
        </message>
        <message>
            <source>warning: worker {worker} restores on {device} ({reason})</source>
            <translation>警告：工作节点 {worker} 改在 {device} 上修复（{reason}）</translation>
        </message>
        <message>
            <source>with several films or a folder, -o names a folder, not a film ({path})</source>
            <translation>处理多部影片或一个文件夹时，-o 指定的应是文件夹，而不是影片（{path}）</translation>
        </message>
        <message>
            <source>worker {worker}: {segments}, {frames}</source>
            <translation>工作进程 {worker}：{segments}，{frames}</translation>
        </message>
        <message>
            <source>worst PSNR {psnr} dB</source>
            <translation>最差 PSNR {psnr} dB</translation>
        </message>
        <message>
            <source>would fail: {failure}</source>
            <translation>将会失败：{failure}</translation>
        </message>
        <message>
            <source>writing the sound</source>
            <translation>正在写入声音</translation>
        </message>
        <message>
            <source>wrote {name} again, which was missing or not whole</source>
            <translation>已重新写入 {name}（它缺失或不完整）</translation>
        </message>
        <message>
            <source>{codec} cannot be written into a {suffix} file; name the output {fits}, or choose another codec</source>
            <translation>{codec} 无法写入 {suffix} 文件；请把输出文件的扩展名改为 {fits}，或选择其他编码格式</translation>
        </message>
        <message>
            <source>{codec} needs an even picture size, and {width}x{height} is not; choose FFV1 (lossless), which takes any size</source>
            <translation>{codec} 要求画面尺寸为偶数，而 {width}x{height} 不是；请选择 FFV1（无损），它接受任何尺寸</translation>
        </message>
        <message>
            <source>{codec} needs an even picture size, and {width}x{height} is not; choose an output scale of 2 or 4, or FFV1 (lossless), which takes any size</source>
            <translation>{codec} 要求画面尺寸为偶数，而 {width}x{height} 不是；请选择 2 或 4 的输出倍数，或选择 FFV1（无损），它接受任何尺寸</translation>
        </message>
        <message>
            <source>{count} failed</source>
            <translation>失败 {count} 张</translation>
        </message>
        <message>
            <source>{count} file Rekindle does not read: {names}</source>
            <translation>{count} 个 Rekindle 不读取的文件：{names}</translation>
        </message>
        <message>
            <source>{count} files Rekindle does not read: {names}</source>
            <translation>{count} 个 Rekindle 不读取的文件：{names}</translation>
        </message>
        <message>
            <source>{count} film done</source>
            <translation>已完成 {count} 部影片</translation>
        </message>
        <message>
            <source>{count} films done</source>
            <translation>已完成 {count} 部影片</translation>
        </message>
        <message>
            <source>{count} frame</source>
            <translation>{count} 帧</translation>
        </message>
        <message>
            <source>{count} frame of {pattern} is numbered after {last}, the film's last, and is left as it is</source>
            <translation>{pattern} 有 {count} 帧的编号在影片最后一帧 {last} 之后，保持原样未动</translation>
        </message>
        <message>
            <source>{count} frames</source>
            <translation>{count} 帧</translation>
        </message>
        <message>
            <source>{count} frames done by an earlier run</source>
            <translation>{count} 帧已由之前的运行完成</translation>
        </message>
        <message>
            <source>{count} frames of {pattern} are numbered after {last}, the film's last, and are left as they are</source>
            <translation>{pattern} 有 {count} 帧的编号在影片最后一帧 {last} 之后，均保持原样未动</translation>
        </message>
        <message>
            <source>{count} image with {models}</source>
            <translation>{count} 张图像，使用 {models}</translation>
        </message>
        <message>
            <source>{count} images with {models}</source>
            <translation>{count} 张图像，使用 {models}</translation>
        </message>
        <message>
            <source>{count} not tried</source>
            <translation>未处理 {count} 张</translation>
        </message>
        <message>
            <source>{count} of them under another name</source>
            <translation>其中 {count} 张将以其他名称保存</translation>
        </message>
        <message>
            <source>{count} pairs</source>
            <translation>{count} 对样本</translation>
        </message>
        <message>
            <source>{count} print: {names}</source>
            <translation>{count} 张相片：{names}</translation>
        </message>
        <message>
            <source>{count} prints: {names}</source>
            <translation>{count} 张相片：{names}</translation>
        </message>
        <message>
            <source>{count} restored</source>
            <translation>已修复 {count} 张</translation>
        </message>
        <message>
            <source>{count} segment</source>
            <translation>{count} 段</translation>
        </message>
        <message>
            <source>{count} segment ran again after its worker was lost</source>
            <translation>{count} 段因其工作进程丢失而重新运行</translation>
        </message>
        <message>
            <source>{count} segments</source>
            <translation>{count} 段</translation>
        </message>
        <message>
            <source>{count} segments ran again after their worker was lost</source>
            <translation>{count} 段因其工作进程丢失而重新运行</translation>
        </message>
        <message>
            <source>{count} skipped</source>
            <translation>已跳过 {count} 个</translation>
        </message>
        <message>
            <source>{count} skipped (already restored)</source>
            <translation>跳过 {count} 张（已修复）</translation>
        </message>
        <message>
            <source>{count} skipped (restored before with other settings)</source>
            <translation>跳过 {count} 张（之前已用其他设置修复）</translation>
        </message>
        <message>
            <source>{count} to restore</source>
            <translation>待修复 {count} 张</translation>
        </message>
        <message>
            <source>{count} would fail</source>
            <translation>将失败 {count} 张</translation>
        </message>
        <message>
            <source>{device:5} {state}</source>
            <translation>{device:5} {state}</translation>
        </message>
        <message>
            <source>{done}/{total} frames</source>
            <translation>{done}/{total} 帧</translation>
        </message>
        <message>
            <source>{earlier} -&gt; {later}</source>
            <translation>{earlier} -&gt; {later}</translation>
        </message>
        <message>
            <source>{earlier}, {later}</source>
            <translation>{earlier}；{later}</translation>
        </message>
        <message>
            <source>{file} is damaged, so its model aliases (such as default) are ignored; reinstalling Rekindle should repair it</source>
            <translation>{file} 已损坏，因此其中的模型别名（如 default）已被忽略；重新安装 Rekindle 应可修复。</translation>
        </message>
        <message>
            <source>{films} with {models}</source>
            <translation>{films}，使用 {models}</translation>
        </message>
        <message>
            <source>{first} to {last}</source>
            <translation>{first} 至 {last}</translation>
        </message>
        <message>
            <source>{first}, {then}</source>
            <translation>{first}、{then}</translation>
        </message>
        <message>
            <source>{folder}: holds other files; prepare into an empty or new folder, or an earlier dataset</source>
            <translation>{folder}：含有其他文件；请准备到空文件夹、新文件夹或先前的数据集中</translation>
        </message>
        <message>
            <source>{folder}: its preparation was stopped before the end; run prepare again to finish it</source>
            <translation>{folder}：其准备工作在完成前已停止；请重新运行 prepare 以完成</translation>
        </message>
        <message>
            <source>{folder}: no photo there to validate on (readable, and at least {side} px a side)</source>
            <translation>{folder}：其中没有可用于验证的照片（需可读取，且每边至少 {side} 像素）</translation>
        </message>
        <message>
            <source>{folder}: not a folder of photos</source>
            <translation>{folder}：不是照片文件夹</translation>
        </message>
        <message>
            <source>{folder}: not a folder of photos or a prepared dataset</source>
            <translation>{folder}：既不是照片文件夹，也不是已准备好的数据集</translation>
        </message>
        <message>
            <source>{folder}: not a prepared dataset (no {manifest}); run prepare first</source>
            <translation>{folder}：不是已准备好的数据集（没有 {manifest}）；请先运行 prepare</translation>
        </message>
        <message>
            <source>{folder}: only {megabytes} MB free; make room or choose another folder</source>
            <translation>{folder}：可用空间只剩 {megabytes} MB；请腾出空间或选择其他文件夹</translation>
        </message>
        <message>
            <source>{folder}: the folder is no longer there; reconnect its drive, or choose the folder again</source>
            <translation>{folder}：该文件夹已不存在；请重新连接其所在的驱动器，或重新选择该文件夹</translation>
        </message>
        <message>
            <source>{folder}: {reason}, so not all the training pairs could be saved (those made were removed); make room, then prepare again</source>
            <translation>{folder}：{reason}，训练样本对未能全部保存（已保存的已删除）；请腾出空间，然后重新准备</translation>
        </message>
        <message>
            <source>{format} frames</source>
            <translation>{format} 帧</translation>
        </message>
        <message>
            <source>{holder} is writing results into {folder}; wait for it or stop it</source>
            <translation>{holder}正在向 {folder} 写入结果；请等它完成或将其停止</translation>
        </message>
        <message>
            <source>{images} images in {name}, {size} MB, {quality}; {small} too small, {unreadable} unreadable, {duplicates} duplicates skipped; Rekindle's results left out: {results}</source>
            <translation>{name} 中有 {images} 张图像，{size} MB，{quality}；跳过 {small} 张过小、{unreadable} 项无法读取、{duplicates} 张重复；未使用的 Rekindle 成果：{results}</translation>
        </message>
        <message>
            <source>{model} ({strengths})</source>
            <translation>{model}（{strengths}）</translation>
        </message>
        <message>
            <source>{name} ({count} frames)</source>
            <translation>{name}（{count} 帧）</translation>
        </message>
        <message>
            <source>{name} already exists (choose to overwrite it)</source>
            <translation>{name} 已存在（可选择覆盖它）</translation>
        </message>
        <message>
            <source>{name} and {count} more frames are there already (choose to overwrite them)</source>
            <translation>{name} 及另外 {count} 帧已存在（可选择覆盖它们）</translation>
        </message>
        <message>
            <source>{name} becomes {width}x{height}, larger than 4K ({most_width}x{most_height}), which few players and editors take</source>
            <translation>{name} 将变为 {width}x{height}，超过 4K（{most_width}x{most_height}），很少有播放器和剪辑软件支持</translation>
        </message>
        <message>
            <source>{name} becomes {width}x{height}, larger than 4K ({most_width}x{most_height}), which few players and editors take; --model {model} makes it {half_width}x{half_height}</source>
            <translation>{name} 将变为 {width}x{height}，超过 4K（{most_width}x{most_height}），很少有播放器和剪辑软件支持；--model {model} 可使其为 {half_width}x{half_height}</translation>
        </message>
        <message>
            <source>{name} enlarges {scale}x; only models that do not enlarge (1x, such as denoise or JPEG clean-up models) can run before or after enlarging</source>
            <translation>{name} 会放大 {scale}×；只有不放大的模型（1×，例如降噪或去除 JPEG 压缩痕迹的模型）才能在放大前后运行</translation>
        </message>
        <message>
            <source>{name} has a variable frame rate: its frames are numbered one after another at its average rate ({rate} frames a second), and a frame held longer is written once, not repeated</source>
            <translation>{name} 为可变帧率：其帧按平均帧率（每秒 {rate} 帧）依次编号，停留较久的帧只写一次，不重复</translation>
        </message>
        <message>
            <source>{name} has frames 1 to {frames}: the part to restore, frames {first} to {last}, goes past them</source>
            <translation>{name} 只有第 1 至第 {frames} 帧：要修复的部分（第 {first} 至第 {last} 帧）超出了这些帧</translation>
        </message>
        <message>
            <source>{name} has frames 1 to {last}</source>
            <translation>{name} 的帧编号为 1 到 {last}</translation>
        </message>
        <message>
            <source>{name} has no frame {index}: its frames are numbered 0 to {last}</source>
            <translation>{name} 没有第 {index} 帧：其帧编号为 0 到 {last}</translation>
        </message>
        <message>
            <source>{name} has no model to blend a {strength} with; {reason}</source>
            <translation>{name} 没有可与之混合{strength}的模型；{reason}</translation>
        </message>
        <message>
            <source>{name} has non-square pixels ({across}:{down}), which {codec} in a {suffix} file cannot record; choose h264 or h265, or prores in a .mov file</source>
            <translation>{name} 的像素不是正方形（{across}:{down}），{suffix} 文件中的 {codec} 无法记录这一点；请选择 h264 或 h265，或在 .mov 文件中使用 prores</translation>
        </message>
        <message>
            <source>{name} has non-square pixels ({across}:{down}), which {format} frames cannot record: the frames hold its pixels as stored, to be shown {across}:{down} (DPX frames record it)</source>
            <translation>{name} 的像素不是正方形（{across}:{down}），{format} 帧无法记录这一点：这些帧保存的是其原样存储的像素，应按 {across}:{down} 显示（DPX 帧会记录它）</translation>
        </message>
        <message>
            <source>{name} has transparency (an alpha channel); films are restored without it, so its restored frames are opaque</source>
            <translation>{name} 含有透明度（Alpha 通道）；影片修复时不保留透明度，因此修复后的帧不透明</translation>
        </message>
        <message>
            <source>{name} has {bits} bits a sample, but this installation's {encoder} writes 8 bits only, so the restored film has 8; ffv1 (.mkv) and prores (.mov) keep every bit</source>
            <translation>{name} 每个样本有 {bits} 位，但此安装的 {encoder} 只能写入 8 位，因此修复后的影片为 8 位；ffv1（.mkv）和 prores（.mov）可保留全部位深</translation>
        </message>
        <message>
            <source>{name} has {bits} bits a sample; the restored film has 8, as {codec} is written in 8 bits to play everywhere; h265, prores (.mov) and ffv1 (.mkv) keep 10 bits</source>
            <translation>{name} 每个采样有 {bits} 位；修复后的影片为 8 位，因为 {codec} 以 8 位写出，以便处处都能播放；h265、prores（.mov）和 ffv1（.mkv）可保留 10 位</translation>
        </message>
        <message>
            <source>{name} has {pages} pages; only the first is restored</source>
            <translation>{name} 有 {pages} 页；只修复了第一页</translation>
        </message>
        <message>
            <source>{name} holds a result of an earlier Rekindle that does not record its film</source>
            <translation>{name} 中是早期版本的 Rekindle 生成的修复结果，未记录它由哪部影片修复而来</translation>
        </message>
        <message>
            <source>{name} holds a result of an earlier Rekindle that does not record its photo</source>
            <translation>{name} 是早期版本的 Rekindle 生成的修复结果，未记录它由哪张照片修复而来</translation>
        </message>
        <message>
            <source>{name} holds no training pairs</source>
            <translation>{name} 中没有训练样本对</translation>
        </message>
        <message>
            <source>{name} holds the result of another film of that name</source>
            <translation>{name} 中是另一部同名影片的修复结果</translation>
        </message>
        <message>
            <source>{name} holds the result of another photo of that name</source>
            <translation>{name} 是另一张同名照片的修复结果</translation>
        </message>
        <message>
            <source>{name} holds this film's result made with other settings</source>
            <translation>{name} 是这部影片以其他设置修复的结果</translation>
        </message>
        <message>
            <source>{name} holds this film's result, which does not record its settings</source>
            <translation>{name} 是这部影片的结果，但未记录其修复设置</translation>
        </message>
        <message>
            <source>{name} holds this photo's result made with other settings</source>
            <translation>{name} 是这张照片以其他设置修复的结果</translation>
        </message>
        <message>
            <source>{name} holds this photo's result, which does not record its settings</source>
            <translation>{name} 是这张照片的结果，但未记录其修复设置</translation>
        </message>
        <message>
            <source>{name} holds this result only as {kind}, which lost some of it: restore the photo again to save it as {wanted}</source>
            <translation>{name} 仅以 {kind} 格式保存了此结果，已有部分损失：请重新修复这张照片，再保存为 {wanted}</translation>
        </message>
        <message>
            <source>{name} in the pack is not the size its manifest gives; pack the photos again</source>
            <translation>打包文件中的 {name} 与清单记录的尺寸不符；请重新打包照片</translation>
        </message>
        <message>
            <source>{name} is a pack of another version; pack it again</source>
            <translation>{name} 是其他版本的打包文件；请重新打包</translation>
        </message>
        <message>
            <source>{name} is not a Rekindle pack ({suffix}); make one with 'pack'</source>
            <translation>{name} 不是 Rekindle 打包文件（{suffix}）；请用 'pack' 制作</translation>
        </message>
        <message>
            <source>{name} runs at {rate} frames a second, whose timecode has no {text}</source>
            <translation>{name} 为每秒 {rate} 帧，其时间码中没有 {text}</translation>
        </message>
        <message>
            <source>{name} shows no sign of fading; its colours are left as they were</source>
            <translation>{name} 没有褪色的迹象；其颜色保持原样</translation>
        </message>
        <message>
            <source>{name} was prepared for {prepared}x, not {scale}x</source>
            <translation>{name} 是为 {prepared}x 准备的，而不是 {scale}x</translation>
        </message>
        <message>
            <source>{name} was taken</source>
            <translation>{name} 已被占用</translation>
        </message>
        <message>
            <source>{name} was taken by a file without Rekindle's mark</source>
            <translation>{name} 已被一个没有 Rekindle 标记的文件占用</translation>
        </message>
        <message>
            <source>{name} was taken: packed into {path}</source>
            <translation>{name} 已被占用：已打包到 {path}</translation>
        </message>
        <message>
            <source>{name} will be {width}x{height} ({megapixels:.0f} MP): many viewers cannot open pictures over {limit} MP; a smaller output size avoids it</source>
            <translation>{name} 将是 {width}x{height}（{megapixels:.0f} 百万像素）：许多看图软件无法打开超过 {limit} 百万像素的图片；选择较小的输出尺寸即可避免</translation>
        </message>
        <message>
            <source>{name}: CMYK with an alpha channel or spot colours is not supported: save it as RGB</source>
            <translation>{name}：不支持带 Alpha 通道或专色的 CMYK：请另存为 RGB</translation>
        </message>
        <message>
            <source>{name}: CMYK with {bits}-bit samples is not supported: save it as RGB</source>
            <translation>{name}：不支持 {bits} 位采样的 CMYK：请另存为 RGB</translation>
        </message>
        <message>
            <source>{name}: Rekindle cannot open extension-less files (it reads PNG, JPEG, TIFF, WebP, BMP, HEIC and DPX)</source>
            <translation>{name}：Rekindle 无法打开没有扩展名的文件（可读取 PNG、JPEG、TIFF、WebP、BMP、HEIC 和 DPX）</translation>
        </message>
        <message>
            <source>{name}: Rekindle cannot open {suffix} files (it reads PNG, JPEG, TIFF, WebP, BMP, HEIC and DPX)</source>
            <translation>{name}：Rekindle 无法打开 {suffix} 文件（可读取 PNG、JPEG、TIFF、WebP、BMP、HEIC 和 DPX）</translation>
        </message>
        <message>
            <source>{name}: a built-in model, which cannot be removed</source>
            <translation>{name}：这是内置模型，无法移除</translation>
        </message>
        <message>
            <source>{name}: a face restoration model ({architecture}); it only works on faces found, cut out and aligned by a face detector, which Rekindle does not have, so it would spoil whole photos</source>
            <translation>{name}：这是人脸修复模型（{architecture}）；它只适用于由人脸检测器找到、裁出并对齐的人脸，而 Rekindle 没有人脸检测器，因此它会毁坏整张照片</translation>
        </message>
        <message>
            <source>{name}: a film's frames are written as DPX, TIFF or PNG files ({suffixes}), which keep every level</source>
            <translation>{name}：影片的帧写成 DPX、TIFF 或 PNG 文件（{suffixes}），它们保留每一级色阶</translation>
        </message>
        <message>
            <source>{name}: a frame sequence is made of {kinds} frames</source>
            <translation>{name}：帧序列须由 {kinds} 帧组成</translation>
        </message>
        <message>
            <source>{name}: a model file's name must end in {suffix}</source>
            <translation>{name}：模型文件名必须以 {suffix} 结尾</translation>
        </message>
        <message>
            <source>{name}: a pack's name must end in {suffix}</source>
            <translation>{name}：打包文件名必须以 {suffix} 结尾</translation>
        </message>
        <message>
            <source>{name}: a pattern of frames holds one frame number, such as %06d</source>
            <translation>{name}：帧的命名模式须含一个帧号，例如 %06d</translation>
        </message>
        <message>
            <source>{name}: a picture, not a film; restore it as a photo</source>
            <translation>{name}：这是一张图片，不是影片；请把它当作照片修复</translation>
        </message>
        <message>
            <source>{name}: a picture, not a model file</source>
            <translation>{name}：这是图片，不是模型文件</translation>
        </message>
        <message>
            <source>{name}: a prepared dataset's pairs are made already; give --degrade real to prepare instead (train takes --damage for a .rkpack file)</source>
            <translation>{name}：已准备好的数据集中的样本对已经制作完成；请改为在 prepare 时指定 --degrade real（train 只对 .rkpack 文件使用 --damage）</translation>
        </message>
        <message>
            <source>{name}: a prepared dataset's pairs are made already; give --grey to prepare instead (train takes it for a .rkpack file)</source>
            <translation>{name}：已准备好的数据集中的样本对已经制作完成；请改为在 prepare 时指定 --grey（train 只对 .rkpack 文件使用该选项）</translation>
        </message>
        <message>
            <source>{name}: a prepared dataset's pairs are made already; give --shrink to prepare instead (train takes it for a .rkpack file)</source>
            <translation>{name}：已准备好的数据集中的样本对已经制作完成；请改为在 prepare 时指定 --shrink（train 只对 .rkpack 文件使用该选项）</translation>
        </message>
        <message>
            <source>{name}: a safetensors file, but not a Rekindle model</source>
            <translation>{name}：是 safetensors 文件，但不是 Rekindle 模型</translation>
        </message>
        <message>
            <source>{name}: a weight is too large for half precision</source>
            <translation>{name}：有权重过大，无法以半精度保存</translation>
        </message>
        <message>
            <source>{name}: a zip archive, not a model file; unpack it and use the model file inside</source>
            <translation>{name}：这是 zip 压缩包，不是模型文件；请解压后使用其中的模型文件</translation>
        </message>
        <message>
            <source>{name}: about {needed} MB more are needed in {folder} to finish it (the segments still to restore, and joining them into the film), and {free} MB are free there; make room and restore it again: the frames restored so far are kept</source>
            <translation>{name}：还需要在 {folder} 中约 {needed} MB 空间才能完成（尚待修复的片段，以及将它们合并成影片），而那里只有 {free} MB 可用；请腾出空间后再次修复：已修复的帧会保留</translation>
        </message>
        <message>
            <source>{name}: already among your models, as {model}</source>
            <translation>{name}：已在您的模型中，名为 {model}</translation>
        </message>
        <message>
            <source>{name}: already in your models folder</source>
            <translation>{name}：已在您的模型文件夹中</translation>
        </message>
        <message>
            <source>{name}: an ONNX or NCNN model, which Rekindle cannot use; use the model's .pth or .safetensors file</source>
            <translation>{name}：这是 ONNX 或 NCNN 模型，Rekindle 无法使用；请使用该模型的 .pth 或 .safetensors 文件</translation>
        </message>
        <message>
            <source>{name}: an architecture Rekindle does not know</source>
            <translation>{name}：Rekindle 无法识别其架构</translation>
        </message>
        <message>
            <source>{name}: cannot be copied into your models folder ({reason})</source>
            <translation>{name}：无法复制到您的模型文件夹中（{reason}）</translation>
        </message>
        <message>
            <source>{name}: cannot be read ({reason})</source>
            <translation>{name}：无法读取（{reason}）</translation>
        </message>
        <message>
            <source>{name}: cannot be read or written ({reason})</source>
            <translation>{name}：无法读取或写入（{reason}）</translation>
        </message>
        <message>
            <source>{name}: cannot be saved (what reached the disk is incomplete; is it full?)</source>
            <translation>{name}：无法保存（写入磁盘的内容不完整；磁盘是否已满？）</translation>
        </message>
        <message>
            <source>{name}: cannot be saved ({reason})</source>
            <translation>{name}：无法保存（{reason}）</translation>
        </message>
        <message>
            <source>{name}: cannot save extension-less files (use .png, .jpg, .tif, .webp or .bmp)</source>
            <translation>{name}：无法保存没有扩展名的文件（请使用 .png、.jpg、.tif、.webp 或 .bmp）</translation>
        </message>
        <message>
            <source>{name}: cannot save {suffix} files (use .png, .jpg, .tif, .webp or .bmp)</source>
            <translation>{name}：无法保存 {suffix} 文件（请使用 .png、.jpg、.tif、.webp 或 .bmp）</translation>
        </message>
        <message>
            <source>{name}: cannot write a film as 'no suffix'; name the output with one of {known}</source>
            <translation>{name}：无法把影片写成没有扩展名的文件；请使用 {known} 之一作为输出文件的扩展名</translation>
        </message>
        <message>
            <source>{name}: cannot write a film as '{suffix}'; name the output with one of {known}</source>
            <translation>{name}：无法把影片写成“{suffix}”文件；请使用 {known} 之一作为输出文件的扩展名</translation>
        </message>
        <message>
            <source>{name}: frame {index} could not be decoded (the film is damaged)</source>
            <translation>{name}：第 {index} 帧无法解码（影片已损坏）</translation>
        </message>
        <message>
            <source>{name}: frame {number} ({file}) is empty or cannot be read (copied only in part?); copy it again, or move it away and allow gaps</source>
            <translation>{name}：第 {number} 帧（{file}）是空文件或无法读取（可能只复制了一部分？）；请重新复制，或将其移走并允许缺帧</translation>
        </message>
        <message>
            <source>{name}: frame {number} is missing ({file}), and {count} in all between {first} and {last}; scan it again, or allow gaps to restore the sequence as it is (the frame before a gap stays on screen through it)</source>
            <translation>{name}：缺少第 {number} 帧（{file}），{first} 到 {last} 之间共缺 {count} 帧；请重新扫描，或允许缺帧以按原样修复该序列（缺口前的一帧会一直显示到缺口结束）</translation>
        </message>
        <message>
            <source>{name}: frame {number} is {width}x{height}, and the film's frames are {film_width}x{film_height}: all its frames must be one size</source>
            <translation>{name}：第 {number} 帧为 {width}x{height}，而影片的帧为 {film_width}x{film_height}：所有帧必须尺寸相同</translation>
        </message>
        <message>
            <source>{name}: frames {first} to {last} could not all be decoded (the file is truncated or damaged)</source>
            <translation>{name}：第 {first} 至 {last} 帧未能全部解码（文件被截断或已损坏）</translation>
        </message>
        <message>
            <source>{name}: frames {numbers} are missing; the frame before each gap stays on screen through it</source>
            <translation>{name}：缺少第 {numbers} 帧；每个缺口前的一帧会一直显示到缺口结束</translation>
        </message>
        <message>
            <source>{name}: frames {numbers} are missing; the restored frames keep their numbers, gaps and all</source>
            <translation>{name}：缺少第 {numbers} 帧；修复后的帧保留原编号，缺口也照样保留</translation>
        </message>
        <message>
            <source>{name}: has {channels} colour channels; Rekindle reads grey and RGB pictures</source>
            <translation>{name}：有 {channels} 个颜色通道；Rekindle 只能读取灰度和 RGB 图像</translation>
        </message>
        <message>
            <source>{name}: holds 16-bit floating-point samples in a compression Rekindle cannot read; save it uncompressed</source>
            <translation>{name}：以 Rekindle 无法读取的压缩方式存放 16 位浮点采样；请以不压缩的方式保存</translation>
        </message>
        <message>
            <source>{name}: holds DPX samples Rekindle cannot read; it reads RGB and grey frames</source>
            <translation>{name}：包含 Rekindle 无法读取的 DPX 采样；它可读取 RGB 和灰度帧</translation>
        </message>
        <message>
            <source>{name}: holds floating-point values outside 0 to 1 (HDR data), which Rekindle cannot restore; save it as a 16-bit image</source>
            <translation>{name}：包含 0 到 1 范围之外的浮点数值（HDR 数据），Rekindle 无法修复；请另存为 16 位图像</translation>
        </message>
        <message>
            <source>{name}: holds no weights Rekindle recognises</source>
            <translation>{name}：不含 Rekindle 能识别的权重</translation>
        </message>
        <message>
            <source>{name}: holds {bits}-bit Lab colours in a compression or layout Rekindle cannot read; save it uncompressed or as RGB</source>
            <translation>{name}：以 Rekindle 无法读取的压缩方式或布局存放 {bits} 位 Lab 颜色；请以不压缩的方式保存，或存为 RGB</translation>
        </message>
        <message>
            <source>{name}: holds {bits}-bit grey with alpha in a compression Rekindle cannot read; save it uncompressed</source>
            <translation>{name}：以 Rekindle 无法读取的压缩方式存放带 Alpha 通道的 {bits} 位灰度图像；请以不压缩的方式保存</translation>
        </message>
        <message>
            <source>{name}: holds {bits}-bit grey with an extra channel in a compression Rekindle cannot read; save it uncompressed</source>
            <translation>{name}：以 Rekindle 无法读取的压缩方式存放带额外通道的 {bits} 位灰度图像；请以不压缩的方式保存</translation>
        </message>
        <message>
            <source>{name}: holds {bits}-bit samples stored one channel at a time in a compression Rekindle cannot read; save it uncompressed</source>
            <translation>{name}：以 Rekindle 无法读取的压缩方式逐通道存放 {bits} 位采样；请以不压缩的方式保存</translation>
        </message>
        <message>
            <source>{name}: is a folder, not an image file</source>
            <translation>{name}：是文件夹，不是图像文件</translation>
        </message>
        <message>
            <source>{name}: is a pipe or a device, not an image file</source>
            <translation>{name}：是管道或设备，不是图像文件</translation>
        </message>
        <message>
            <source>{name}: its audio or subtitles cannot be read ({error})</source>
            <translation>{name}：无法读取其音频或字幕（{error}）</translation>
        </message>
        <message>
            <source>{name}: its chapters are damaged and cannot go into a {suffix} file; the restored film is written without chapters</source>
            <translation>{name}：其章节已损坏，无法放入 {suffix} 文件；修复后的影片将不带章节写出</translation>
        </message>
        <message>
            <source>{name}: its frames cannot be read ({reason})</source>
            <translation>{name}：无法读取其帧（{reason}）</translation>
        </message>
        <message>
            <source>{name}: looks like a {architecture} model, but its layers are not the sizes of any {architecture} Rekindle knows</source>
            <translation>{name}：看起来是 {architecture} 模型，但其各层的尺寸与 Rekindle 所知的任何 {architecture} 模型都不相符</translation>
        </message>
        <message>
            <source>{name}: made by a newer Rekindle; update to load it</source>
            <translation>{name}：由更新版本的 Rekindle 制作；请更新 Rekindle 后再加载</translation>
        </message>
        <message>
            <source>{name}: no checkpoint to resume from</source>
            <translation>{name}：没有可继续训练的检查点</translation>
        </message>
        <message>
            <source>{name}: no frames in {folder} match this pattern</source>
            <translation>{name}：{folder} 中没有与此模式相符的帧</translation>
        </message>
        <message>
            <source>{name}: no image of this process's share is {patch} px or more on its shorter side; choose a smaller patch</source>
            <translation>{name}：本进程分到的图像中，没有短边达到 {patch} 像素的；请选择更小的图块</translation>
        </message>
        <message>
            <source>{name}: no numbered frames in this folder ({kinds})</source>
            <translation>{name}：此文件夹中没有编号的帧（{kinds}）</translation>
        </message>
        <message>
            <source>{name}: no such file</source>
            <translation>{name}：文件不存在</translation>
        </message>
        <message>
            <source>{name}: no such model file</source>
            <translation>{name}：没有这个模型文件</translation>
        </message>
        <message>
            <source>{name}: not a Rekindle training checkpoint</source>
            <translation>{name}：不是 Rekindle 训练检查点</translation>
        </message>
        <message>
            <source>{name}: not a film that can be read ({reason})</source>
            <translation>{name}：不是可读取的影片（{reason}）</translation>
        </message>
        <message>
            <source>{name}: not a model file (.safetensors, .pth, .pt, .ckpt)</source>
            <translation>{name}：不是模型文件（.safetensors、.pth、.pt、.ckpt）</translation>
        </message>
        <message>
            <source>{name}: not a readable model file: neither safetensors nor PyTorch weights</source>
            <translation>{name}：不是可读取的模型文件：既不是 safetensors 也不是 PyTorch 权重</translation>
        </message>
        <message>
            <source>{name}: not a safetensors model file</source>
            <translation>{name}：不是 safetensors 模型文件</translation>
        </message>
        <message>
            <source>{name}: not an image-to-image model</source>
            <translation>{name}：不是图像到图像的模型</translation>
        </message>
        <message>
            <source>{name}: not enough memory to save the picture</source>
            <translation>{name}：内存不足，无法保存图像</translation>
        </message>
        <message>
            <source>{name}: not one of your models, so it cannot be removed</source>
            <translation>{name}：不是您的模型，因此无法移除</translation>
        </message>
        <message>
            <source>{name}: reading DPX frames needs PyAV (av) installed</source>
            <translation>{name}：读取 DPX 帧需要安装 PyAV (av)</translation>
        </message>
        <message>
            <source>{name}: reading HEIC photos needs pillow-heif installed</source>
            <translation>{name}：读取 HEIC 照片需要安装 pillow-heif</translation>
        </message>
        <message>
            <source>{name}: refused: a TorchScript program rather than plain weights, and Rekindle never runs code from a model file; look for the model as .pth or .safetensors weights</source>
            <translation>{name}：已拒绝：这是 TorchScript 程序而非纯权重，Rekindle 从不运行模型文件中的代码；请寻找该模型的 .pth 或 .safetensors 权重</translation>
        </message>
        <message>
            <source>{name}: refused: a model that takes {taken}-channel images and makes {made}-channel ones, and Rekindle runs models for colour (3 channels) or grey (1 channel) pictures</source>
            <translation>{name}：已拒绝：该模型接收 {taken} 通道图像并生成 {made} 通道图像，而 Rekindle 只运行彩色（3 通道）或灰度（1 通道）图片的模型</translation>
        </message>
        <message>
            <source>{name}: refused: it is not plain weights (it holds Python objects, which could run code, or it is damaged); Rekindle never runs code from a model file</source>
            <translation>{name}：已拒绝：它不是纯权重文件（其中含有可能运行代码的 Python 对象，或文件已损坏）；Rekindle 从不运行模型文件中的代码</translation>
        </message>
        <message>
            <source>{name}: the checkpoint cannot be read ({error})</source>
            <translation>{name}：无法读取检查点（{error}）</translation>
        </message>
        <message>
            <source>{name}: the file does not exist</source>
            <translation>{name}：文件不存在</translation>
        </message>
        <message>
            <source>{name}: the file has no video stream</source>
            <translation>{name}：文件中没有视频流</translation>
        </message>
        <message>
            <source>{name}: the file is damaged or cut short (a copy or download that did not finish?)</source>
            <translation>{name}：文件已损坏或不完整（复制或下载未完成？）</translation>
        </message>
        <message>
            <source>{name}: the file is damaged or not an image</source>
            <translation>{name}：文件已损坏或不是图像</translation>
        </message>
        <message>
            <source>{name}: the file is empty</source>
            <translation>{name}：文件为空</translation>
        </message>
        <message>
            <source>{name}: the file is empty (a copy or download that did not finish?)</source>
            <translation>{name}：文件是空的（复制或下载未完成？）</translation>
        </message>
        <message>
            <source>{name}: the film ends early: {decoded} of its {frames} frames could be decoded (the file is truncated or damaged)</source>
            <translation>{name}：影片提前结束：{frames} 帧中只有 {decoded} 帧能够解码（文件被截断或已损坏）</translation>
        </message>
        <message>
            <source>{name}: the film is damaged ({reason})</source>
            <translation>{name}：影片已损坏（{reason}）</translation>
        </message>
        <message>
            <source>{name}: the film is truncated: the file holds {frames} frames, {held:.2f} s of its {stated:.2f} s</source>
            <translation>{name}：影片被截断：文件只含 {frames} 帧，即 {stated:.2f} 秒中的 {held:.2f} 秒</translation>
        </message>
        <message>
            <source>{name}: the film is truncated: {counted} of its {claimed} frames are in the file</source>
            <translation>{name}：影片被截断：{claimed} 帧中只有 {counted} 帧在文件中</translation>
        </message>
        <message>
            <source>{name}: the folder cannot be read ({reason})</source>
            <translation>{name}：无法读取该文件夹（{reason}）</translation>
        </message>
        <message>
            <source>{name}: the frames have no readable picture size</source>
            <translation>{name}：这些帧没有可读取的画面尺寸</translation>
        </message>
        <message>
            <source>{name}: the model header is damaged</source>
            <translation>{name}：模型文件头已损坏</translation>
        </message>
        <message>
            <source>{name}: the output would replace the input</source>
            <translation>{name}：输出文件会替换输入文件</translation>
        </message>
        <message>
            <source>{name}: the pack does not exist</source>
            <translation>{name}：打包文件不存在</translation>
        </message>
        <message>
            <source>{name}: the picture could not be encoded ({error})</source>
            <translation>{name}：无法编码图像（{error}）</translation>
        </message>
        <message>
            <source>{name}: the picture could not be encoded: it, or a value in its metadata, is too large for {format} ({error})</source>
            <translation>{name}：无法编码该图片：图片本身或其元数据中的某个值超出了 {format} 格式所能容纳的大小（{error}）</translation>
        </message>
        <message>
            <source>{name}: the picture is too large for memory ({width} x {height} pixels)</source>
            <translation>{name}：图像太大，内存不足（{width} × {height} 像素）</translation>
        </message>
        <message>
            <source>{name}: the picture is too large for this computer's memory ({width} x {height} pixels need about {needed} GB to open; {available} GB are available)</source>
            <translation>{name}：图片太大，这台电脑的内存容纳不下（{width} x {height} 像素打开约需 {needed} GB，可用内存 {available} GB）</translation>
        </message>
        <message>
            <source>{name}: the picture is too large to open in the memory available</source>
            <translation>{name}：图片太大，可用内存不足以打开它</translation>
        </message>
        <message>
            <source>{name}: the restored film could not be written ({reason}); its restored frames are kept for the next run</source>
            <translation>{name}：修复后的影片无法写入（{reason}）；已修复的帧会保留，供下次运行使用</translation>
        </message>
        <message>
            <source>{name}: the restored frames would replace the frames they are restored from; choose another name or folder</source>
            <translation>{name}：修复后的帧会替换修复所依据的原始帧；请选择其他名称或文件夹</translation>
        </message>
        <message>
            <source>{name}: the result is kept in 8 bits a sample: {format} holds no more</source>
            <translation>{name}：结果以每个采样 8 位保存：{format} 无法容纳更高的位深</translation>
        </message>
        <message>
            <source>{name}: the result is not the same shape as {original}, so the two cannot be compared side by side</source>
            <translation>{name}：修复结果的宽高比与 {original} 不同，无法并排比较</translation>
        </message>
        <message>
            <source>{name}: the result's transparency is flattened onto white: {format} holds none</source>
            <translation>{name}：结果的透明部分已合成到白色背景上：{format} 不支持透明</translation>
        </message>
        <message>
            <source>{name}: the video stream has no readable picture size</source>
            <translation>{name}：视频流中没有可读取的画面尺寸</translation>
        </message>
        <message>
            <source>{name}: the video stream holds no frames</source>
            <translation>{name}：视频流中没有任何帧</translation>
        </message>
        <message>
            <source>{name}: the weights do not fit the network ({error})</source>
            <translation>{name}：权重与网络不匹配（{error}）</translation>
        </message>
        <message>
            <source>{name}: too large to restore in the memory available</source>
            <translation>{name}：照片太大，可用内存不足，无法修复</translation>
        </message>
        <message>
            <source>{name}: too small to validate on (under {side} px)</source>
            <translation>{name}：太小，无法用于验证（小于 {side} 像素）</translation>
        </message>
        <message>
            <source>{name}: uses signed {bits}-bit integer samples, which Rekindle cannot read; save it as an image with unsigned 8- or 16-bit samples</source>
            <translation>{name}：使用有符号 {bits} 位整数采样，Rekindle 无法读取；请另存为无符号 8 位或 16 位采样的图像</translation>
        </message>
        <message>
            <source>{name}: uses {bits}-bit integer samples, which Rekindle cannot read; save it as an image with unsigned 8- or 16-bit samples</source>
            <translation>{name}：使用 {bits} 位整数采样，Rekindle 无法读取；请另存为无符号 8 位或 16 位采样的图像</translation>
        </message>
        <message>
            <source>{name}: will not overwrite the original photo; choose another name or folder</source>
            <translation>{name}：不会覆盖原照片；请选择其他文件名或文件夹</translation>
        </message>
        <message>
            <source>{name}: {count} frame sequences in this folder: {sequences}; give the one to restore as a pattern, such as {example}</source>
            <translation>{name}：此文件夹中有 {count} 个帧序列：{sequences}；请以模式给出要修复的那一个，例如 {example}</translation>
        </message>
        <message>
            <source>{name}: {done}</source>
            <translation>{name}：{done}</translation>
        </message>
        <message>
            <source>{name}: {sentence}</source>
            <translation>{name}：{sentence}</translation>
        </message>
        <message>
            <source>{name}: {tags} left out of the result's EXIF, which a JPEG holds only up to 64 KB</source>
            <translation>{name}：结果的 EXIF 略去了 {tags}，因为 JPEG 最多只能容纳 64 KB 的 EXIF</translation>
        </message>
        <message>
            <source>{name}: {width}x{height} is larger than {suffix} can hold ({limit} px a side); choose a smaller size or save as PNG or TIFF</source>
            <translation>{name}：{width}x{height} 超出了 {suffix} 的上限（每边 {limit} 像素）；请选择较小的尺寸，或保存为 PNG 或 TIFF</translation>
        </message>
        <message>
            <source>{network} is not one of Rekindle's architectures</source>
            <translation>{network} 不是 Rekindle 的架构</translation>
        </message>
        <message>
            <source>{option} is for films written as video files; frames are written as {format}</source>
            <translation>{option} 用于写成视频文件的影片；帧写成 {format}</translation>
        </message>
        <message>
            <source>{original}: its result is not the same shape, so the two cannot be compared side by side</source>
            <translation>{original}：其结果的形状与它不同，无法并排比较</translation>
        </message>
        <message>
            <source>{others} and {last}</source>
            <translation>{others}和{last}</translation>
        </message>
        <message>
            <source>{others} or {last}</source>
            <translation>{others} 或 {last}</translation>
        </message>
        <message>
            <source>{out}: --out is the folder the results go into, each under its photo's name, and this is a picture's name; give a folder, such as {folder}</source>
            <translation>{out}：--out 是存放结果的文件夹，每个结果沿用其照片的文件名，而这是一个图片文件名；请给出一个文件夹，例如 {folder}</translation>
        </message>
        <message>
            <source>{pairs} pairs from {photos} photos; {small} too small, {unreadable} unreadable, {duplicates} duplicates skipped; Rekindle's results left out: {results}</source>
            <translation>从 {photos} 张照片中得到 {pairs} 对；跳过 {small} 张过小、{unreadable} 项无法读取、{duplicates} 张重复；未使用的 Rekindle 成果：{results}</translation>
        </message>
        <message>
            <source>{path} already exists and no run of it is there to continue (no {checkpoint} beside it): choose another --out</source>
            <translation>{path} 已存在，且没有可继续的训练（旁边没有 {checkpoint}）：请另选 --out</translation>
        </message>
        <message>
            <source>{path} has no suffix: name a film file ({kinds}) or a folder (end it with /)</source>
            <translation>{path} 没有扩展名：请指定影片文件（{kinds}）或文件夹（以 / 结尾）</translation>
        </message>
        <message>
            <source>{path} is a file, where a folder is needed</source>
            <translation>{path} 是一个文件，而此处需要的是文件夹</translation>
        </message>
        <message>
            <source>{path} is a folder: --out names the model file to write</source>
            <translation>{path} 是文件夹：--out 应指定要写入的模型文件</translation>
        </message>
        <message>
            <source>{path} is a folder: name the pack file to write</source>
            <translation>{path} 是文件夹：请指定要写入的打包文件</translation>
        </message>
        <message>
            <source>{path} is not on worker {worker} as the driver sees it: put the films in a folder every machine of the cluster has at the same path</source>
            <translation>计算机 {worker} 上的 {path} 与主控端看到的不一致：请把影片放在集群中每台计算机都能以相同路径访问的文件夹中</translation>
        </message>
        <message>
            <source>{path}: a link to nothing (what it points to is missing, or a loop)</source>
            <translation>{path}：链接无效（指向的目标不存在，或链接循环）</translation>
        </message>
        <message>
            <source>{path}: a training image is damaged; prepare the dataset again</source>
            <translation>{path}：训练图像已损坏；请重新准备数据集</translation>
        </message>
        <message>
            <source>{path}: is a file, not a folder</source>
            <translation>{path}：是文件，不是文件夹</translation>
        </message>
        <message>
            <source>{path}: is a file, not a folder for the dataset</source>
            <translation>{path}：是文件，而不是存放数据集的文件夹</translation>
        </message>
        <message>
            <source>{path}: no such file or folder</source>
            <translation>{path}：文件或文件夹不存在</translation>
        </message>
        <message>
            <source>{path}: not a manifest written by prepare; run prepare again</source>
            <translation>{path}：不是由 prepare 写入的清单；请重新运行 prepare</translation>
        </message>
        <message>
            <source>{path}: not a photo below {folder}</source>
            <translation>{path}：不是 {folder} 下的照片</translation>
        </message>
        <message>
            <source>{path}: the frame number goes in the frames' names, not in a folder's</source>
            <translation>{path}：帧编号应写在帧的文件名中，而不是文件夹名中</translation>
        </message>
        <message>
            <source>{path}: the model file is not there (moved or deleted?)</source>
            <translation>{path}：模型文件不在那里（已被移动或删除？）</translation>
        </message>
        <message>
            <source>{path}: {count} place marked on {name}; look them over, then: {command}</source>
            <translation>{path}：在 {name} 上标记了 {count} 处；检查后运行：{command}</translation>
        </message>
        <message>
            <source>{path}: {count} places marked on {name}; look them over, then: {command}</source>
            <translation>{path}：在 {name} 上标记了 {count} 处；检查后运行：{command}</translation>
        </message>
        <message>
            <source>{path}: {frames}</source>
            <translation>{path}：{frames}</translation>
        </message>
        <message>
            <source>{path}: {original} left of the line, {result} right of it</source>
            <translation>{path}：分界线左侧为 {original}，右侧为 {result}</translation>
        </message>
        <message>
            <source>{path}: {width}x{height}, frame {frame} restored with {models}</source>
            <translation>{path}：{width}x{height}，第 {frame} 帧已用 {models} 修复</translation>
        </message>
        <message>
            <source>{path}: {width}x{height}, restored with {models}</source>
            <translation>{path}：{width}x{height}，已用 {models} 修复</translation>
        </message>
        <message>
            <source>{pattern} is complete (all {count} frames of {name}, whole); nothing was written</source>
            <translation>{pattern} 已完整（{name} 的全部 {count} 帧都在且完好）；未写入任何文件</translation>
        </message>
        <message>
            <source>{pattern} names the frames of one film: give one film or frame sequence, or -o a folder for several</source>
            <translation>{pattern} 指定的是一部影片的帧：请给出一部影片或一个帧序列，或用 -o 指定文件夹以处理多部</translation>
        </message>
        <message>
            <source>{rate:.1f} samples/s</source>
            <translation>{rate:.1f} 样本/秒</translation>
        </message>
        <message>
            <source>{rate:.2f} fps</source>
            <translation>{rate:.2f} 帧/秒</translation>
        </message>
        <message>
            <source>{reason}; not validated on</source>
            <translation>{reason}；不用于验证</translation>
        </message>
        <message>
            <source>{reason}; the option is --allow-gaps</source>
            <translation>{reason}；对应的选项是 --allow-gaps</translation>
        </message>
        <message>
            <source>{reason}; the option is --overwrite</source>
            <translation>{reason}；对应选项为 --overwrite</translation>
        </message>
        <message>
            <source>{reason}; {again}</source>
            <translation>{reason}；{again}</translation>
        </message>
        <message>
            <source>{run}, step {step} of {steps} ({stage}); continue it with: {command} resume-run</source>
            <translation>{run}，第 {step} 步，共 {steps} 步（{stage}）；继续运行：{command} resume-run</translation>
        </message>
        <message>
            <source>{run}: being trained now by {trainer} (last checkpoint at step {step} of {steps})</source>
            <translation>{run}：正由 {trainer} 训练（最后的检查点在第 {step} 步，共 {steps} 步）</translation>
        </message>
        <message>
            <source>{scale}x</source>
            <translation>{scale}x</translation>
        </message>
        <message>
            <source>{setting} must be a finite number, not {value}</source>
            <translation>{setting} 必须是有限的数值，而不是 {value}</translation>
        </message>
        <message>
            <source>{setting} {saved}, not {wanted}</source>
            <translation>{setting} 为 {saved}，而不是 {wanted}</translation>
        </message>
        <message>
            <source>{size:.1f} MB</source>
            <translation>{size:.1f} MB</translation>
        </message>
        <message>
            <source>{speed:.2f} frames/s</source>
            <translation>{speed:.2f} 帧/秒</translation>
        </message>
        <message>
            <source>{state} ({hardware})</source>
            <translation>{state}（{hardware}）</translation>
        </message>
        <message>
            <source>{stopping} (Ctrl+C again stops at once)</source>
            <translation>{stopping}（再按一次 Ctrl+C 立即停止）</translation>
        </message>
        <message>
            <source>{stopping} (asked by SIGHUP; SIGTERM stops at once)</source>
            <translation>{stopping}（由 SIGHUP 要求；SIGTERM 会立即停止）</translation>
        </message>
        <message>
            <source>{stopping} (asked by SIGTERM; a second SIGTERM stops at once)</source>
            <translation>{stopping}（由 SIGTERM 要求；再收到一次 SIGTERM 会立即停止）</translation>
        </message>
        <message>
            <source>{streams} of {name} are left out: numbered frames hold pictures only (a .mkv film keeps them)</source>
            <translation>{name} 的{streams}被略去：编号帧只保存画面（.mkv 影片会保留它们）</translation>
        </message>
        <message>
            <source>{streams} of {name} cannot be copied into a {suffix} file; a {holders} file holds it, which {codec} cannot go into: choose another codec</source>
            <translation>{name} 的{streams}无法复制到 {suffix} 文件中；{holders} 文件可以容纳它，但 {codec} 无法写入这类文件：请选择其他编码格式</translation>
        </message>
        <message>
            <source>{streams} of {name} cannot be copied into a {suffix} file; a {holders} file holds them, which {codec} cannot go into: choose another codec</source>
            <translation>{name} 的{streams}无法复制到 {suffix} 文件中；{holders} 文件可以容纳它们，但 {codec} 无法写入这类文件：请选择其他编码格式</translation>
        </message>
        <message>
            <source>{streams} of {name} cannot be copied into a {suffix} file; no {containers} file holds all of its streams</source>
            <translation>{name} 的{streams}无法复制到 {suffix} 文件中；{containers} 文件都无法容纳它的全部流</translation>
        </message>
        <message>
            <source>{streams} of {name} cannot be copied into a {suffix} file; write a {fits} file instead</source>
            <translation>{name} 的{streams}无法复制到 {suffix} 文件中；请改为写入 {fits} 文件</translation>
        </message>
        <message>
            <source>{streams} of {name} cannot go into a {suffix} file, and are left out (a .mkv film keeps them)</source>
            <translation>{name} 的{streams}无法放入 {suffix} 文件，因此被略去（.mkv 影片会保留它们）</translation>
        </message>
        <message>
            <source>{streams} of {name} cannot go into a {suffix} file, and is left out (a .mkv film keeps it)</source>
            <translation>{name} 的{streams}无法放入 {suffix} 文件，因此被略去（.mkv 影片会保留它）</translation>
        </message>
        <message>
            <source>{streams} of {name} is left out: numbered frames hold pictures only (a .mkv film keeps it)</source>
            <translation>{name} 的{streams}被略去：编号帧只保存画面（.mkv 影片会保留它）</translation>
        </message>
        <message>
            <source>{stream} of {name} cannot be copied into a {suffix} file; it goes in converted to {encoder}, which keeps every sample</source>
            <translation>{name} 的{stream}无法原样复制到 {suffix} 文件中；它将转换为 {encoder} 后写入，每个采样都保留不变</translation>
        </message>
        <message>
            <source>{stream} of {name} cannot be decoded, to be written beside the frames as WAV; restore the film into a .mkv file to keep it as it is</source>
            <translation>{name} 的{stream}无法解码，因而不能以 WAV 写在帧旁边；请将影片修复为 .mkv 文件以原样保留它</translation>
        </message>
        <message>
            <source>{stream} of {name} cannot be read ({reason})</source>
            <translation>无法读取 {name} 的{stream}（{reason}）</translation>
        </message>
        <message>
            <source>{stream} of {name} is written beside the frames as {file}</source>
            <translation>{name} 的{stream}以 {file} 写在帧旁边</translation>
        </message>
        <message>
            <source>{task}: done after {elapsed}</source>
            <translation>{task}：完成，用时 {elapsed}</translation>
        </message>
        <message>
            <source>{task}: stopped at {percent}% after {elapsed}</source>
            <translation>{task}：在 {percent}% 处停止，用时 {elapsed}</translation>
        </message>
        <message>
            <source>{task}: {percent}% done after {elapsed}</source>
            <translation>{task}：已用时 {elapsed}，完成 {percent}%</translation>
        </message>
        <message>
            <source>{text} frames a second is out of range: a film runs at 1 to {most}</source>
            <translation>每秒 {text} 帧超出范围：影片的帧率为 1 到 {most}</translation>
        </message>
        <message>
            <source>{text} is a drop-frame timecode, which only films of 29.97 or 59.94 frames a second have: {name} runs at {rate} (write the frames after a colon)</source>
            <translation>{text} 是丢帧时间码，只有每秒 29.97 或 59.94 帧的影片才有：{name} 为每秒 {rate} 帧（请在帧数前用冒号）</translation>
        </message>
        <message>
            <source>{text} is no point of a film: give seconds (90.5), minutes and seconds (1:30), hours too (01:01:30.5), frames (2160f) or a timecode (01:00:00:00)</source>
            <translation>{text} 不是影片中的时间点：请给出秒数（90.5）、分和秒（1:30）、再加小时（01:01:30.5）、帧数（2160f）或时间码（01:00:00:00）</translation>
        </message>
        <message>
            <source>{text} is not a frame rate; write frames a second like 24, 25, 23.976 or 24000/1001</source>
            <translation>{text} 不是帧率；请写每秒帧数，如 24、25、23.976 或 24000/1001</translation>
        </message>
        <message>
            <source>{text} is not a part; write it as X,Y,WIDTH,HEIGHT in pixels</source>
            <translation>{text} 不是有效的部分；请写成 X,Y,WIDTH,HEIGHT（单位为像素）</translation>
        </message>
        <message>
            <source>{text} is not a print size; write it like 20x30cm, 8x10in</source>
            <translation>{text} 不是冲印尺寸；请写成 20x30cm、8x10in 这样的形式</translation>
        </message>
        <message>
            <source>{text}: minutes and seconds go up to 59 each</source>
            <translation>{text}：分和秒各自最大为 59</translation>
        </message>
        <message>
            <source>{time} left</source>
            <translation>剩余 {time}</translation>
        </message>
        <message>
            <source>{what} failed on a worker ({cause})</source>
            <translation>在工作进程上处理 {what} 时失败（{cause}）</translation>
        </message>
        <message>
            <source>{what} is being trained by {holder}; wait for it or stop it</source>
            <translation>{what} 正在由{holder}训练；请等它完成，或停止它</translation>
        </message>
        <message>
            <source>{what}: its worker was lost {times} times ({error}: out of memory, or machines leaving the cluster?); restoring again goes on where this run stopped</source>
            <translation>{what}：其工作进程已丢失 {times} 次（{error}：内存不足，或有机器离开了集群？）；再次修复将从本次停下的地方继续</translation>
        </message>
        <message>
            <source>{why}: {name}</source>
            <translation>{why}：{name}</translation>
        </message>
        <message>
            <source>“{address}” is no cluster's address: give its head's HOST:PORT, or local[:N]</source>
            <translation>“{address}”不是集群地址：请填写其头节点的 HOST:PORT，或 local[:N]</translation>
        </message>
        <message>
            <source>“{address}” is no cluster's address: say local, or local:N for N workers (N &gt;= 1)</source>
            <translation>“{address}”不是集群地址：请填写 local，或 local:N 表示 N 个工作进程（N &gt;= 1）</translation>
        </message>
    </context>
</TS>
