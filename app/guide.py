"""The built-in guide (Help > Guide): what each choice does and when to use it, and what
Rekindle does not do yet. Each section is one translatable title and one paragraph, so a
translator sees whole thoughts; the words follow the settings panel and the README."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.actions import ACTIONS, keys_of, keys_text
from app.screen_fit import fitted_size
from app.spot_marking import REDO_KEYS
from engine.output_size import LARGE_MEGAPIXELS, MAX_SIDE

SIZE = (640, 720)


class GuideDialog(QDialog):
    """A window of the guide's sections, kept beside the main window while working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(fitted_size(SIZE, self.screen().availableGeometry().size()))
        self._retranslate()

    def _sections(self) -> list[tuple[str, str]]:
        return [
            (
                self.tr("Restoring photos"),
                self.tr(
                    "Drop photos, films or folders on the window, or open them from the File "
                    "menu. Choose the settings on the right, then Restore the selected ones or "
                    "Restore All. The viewer shows the original left of the slider and the "
                    "restored photo right of it. To judge the settings on a large scan "
                    "first, zoom in on a part and press Preview (P): that part is restored in "
                    "a second or two and shown right of the slider, and while it is on show it "
                    "follows the settings as you change them. Restored photos are saved "
                    "in the output folder (at once, unless you turned that off); an original "
                    "is never changed or overwritten."
                ),
            ),
            (
                self.tr("Comparing before and after"),
                self.tr(
                    "Drag the slider, or move it with comma and period (Left and Right while "
                    "the photo fits the window; Shift moves it further); Home and End put it "
                    "at either end. The wheel, or + and −, zooms around the cursor; drag, or "
                    "the arrow keys (Shift: further), move a zoomed photo; F fits the photo "
                    "to the window and 1 shows it at 100%. With two results or more, Compare "
                    "picks the two shown."
                ),
            ),
            (
                self.tr("Models, Repair and Detail"),
                self.tr(
                    "Restore 4x, the model you start with, is for old photos and films: it "
                    "calms grain and print texture while it enlarges, and JPEG blocks come out "
                    "softer than with Faithful 4x (heavy ones stay visible); Restore 2x does "
                    "the same for grainy or compressed films (for a clean master, use Faithful "
                    "2x). Faithful 4x and Faithful 2x only enlarge: they sharpen all that is in "
                    "the scan, grain and JPEG blocks too, and take nothing out: for clean scans "
                    "and archives. The Repair strength slider goes between the two, and the "
                    "Restore models start at 75%: lower it where a restored face looks smoothed "
                    "or painted (heavily compressed film does that), and grain and texture come "
                    "back a little; at Strongest grain and compression are smoothed the most. "
                    "Dust and scratches are not this slider's work: use Remove dust and specks "
                    "or Mark Spots. "
                    "The Detail strength slider makes edges and texture sharper: it blends in "
                    "Restore Detail 4x or Detail 4x. Models of your own, or community models "
                    "imported from the Models menu, are listed with them."
                ),
            ),
            (
                self.tr("Grain"),
                self.tr(
                    "The Grain slider adds fine grain to the restored picture as a finish, so "
                    "a face or a sky the Restore model left smooth does not look plastic. It "
                    "is in brightness only, so a black-and-white picture stays grey, and "
                    "strongest in the midtones. Preview shows the very grain the whole photo "
                    "gets, and each frame of a film gets its own. At the left end none is "
                    "added."
                ),
            ),
            (
                self.tr("Clean up before and after enlarging"),
                self.tr(
                    "These run a model that does not enlarge (1x), such as the built-in "
                    "Clean-up 1x, which gently reduces light noise, small dust specks and JPEG "
                    "blocks (it does little to film grain). "
                    "Before enlarging, it cleans the photo as it is, so the damage is not "
                    "enlarged with it: use it for noisy or heavily compressed photos. After "
                    "enlarging, it tidies the enlarged result, which takes longer. Leave both "
                    "at None for clean scans."
                ),
            ),
            (
                self.tr("Output size"),
                self.tr(
                    "The model's own scale, or another one, enlarges every photo by that much. "
                    "Long side makes the longer side of every photo that many pixels. Print size "
                    "makes each photo as large as fits within a print of that size (turned to "
                    "match the photo) at the resolution given, with nothing cropped, so a photo "
                    "of another shape falls short of the print one way; 300 dpi suits most "
                    "prints. Under the choice you see what the selected photo becomes. Before "
                    "restoring anything over {megapixels} megapixels Rekindle asks, since many "
                    "viewers cannot open it; JPEG holds at most {jpeg} pixels a side and WebP "
                    "{webp}, so larger results need PNG or TIFF. A film is enlarged by the scale "
                    "chosen, or by the model's own when Long side or Print size is chosen (on the "
                    "command line, restore-video --scale-out chooses 2 or 4). Before restoring a "
                    "film beyond 4K (a 1080p film with a 4x model) Rekindle asks, and offers the "
                    "2x model."
                ).format(
                    megapixels=LARGE_MEGAPIXELS, jpeg=MAX_SIDE[".jpg"], webp=MAX_SIDE[".webp"]
                ),
            ),
            (
                self.tr("Fix faded colours"),
                self.tr(
                    "For faded prints and film: greyed blacks and dull whites are set back "
                    "and part of a colour cast is taken away before enlarging. A photo with "
                    "no sign of fading is left as it is, and a toned black-and-white print "
                    "keeps its tone. A film gets one correction for all its frames, so it "
                    "does not flicker."
                ),
            ),
            (
                self.tr("Remove dust and specks from photos"),
                self.tr(
                    "For scanned prints: small specks of dust, white dots and short hairs "
                    "that stand out from a flat surround are found and filled in from the "
                    "picture around them, with its grain, before enlarging. Eyes, letters, "
                    "edges and textures such as gravel are left alone. A small bright thing "
                    "on a dark ground that belongs to the picture, a button or a star, may be "
                    "taken for dust, and long scratches are not looked for: compare a part "
                    "with Preview first. On the command line, find-spots writes what it "
                    "finds as a picture to look over and change in any paint program, and "
                    "restore --marks fills what that picture marks."
                ),
            ),
            (
                self.tr("Marking spots and scratches by hand"),
                self.tr(
                    "Mark Spots (M) lets you paint over what the photo should not have: dust, "
                    "hairs, scratches, small tears and creases. What you paint shows in red "
                    "and is filled in from the picture around it, with its grain, before the "
                    "photo is restored, and in Preview. The right button or Alt erases; [ and "
                    "] change the brush; hold Space to move the photo; Undo ({undo}) takes "
                    "back a stroke and Redo ({redo}) takes it again. Find Spots (S) marks the "
                    "dust and specks it finds, for you to look over and erase what belongs to "
                    "the picture; Clear (C) erases "
                    "every mark. Press Done (Return, Enter or Esc): the marks are kept with "
                    "the photo, also after Rekindle is closed, and a result made before they "
                    "changed is marked out of date. While marking, Esc is Done and cancels no "
                    "run: Cancel is there again once marking is done. Marks fill small damage "
                    "well; a large missing piece comes out smooth. On a film, mark what stays "
                    "in one place on every frame, a hair caught in the gate, a scratch down "
                    "the same column or a logo: it is filled on every frame (scrub through the "
                    "film while marking to see that it stays put)."
                ).format(
                    undo=keys_text([QKeySequence(QKeySequence.StandardKey.Undo)]),
                    redo=keys_text(map(QKeySequence, REDO_KEYS)),
                ),
            ),
            (
                self.tr("Remove dust and dirt from films"),
                self.tr(
                    "Specks of dust, dirt and hairs that show on one frame of an old film and "
                    "not on the frames beside it are filled in from those frames, at the "
                    "frame's own brightness. Where the picture moves too much to follow, "
                    "nothing is filled; a small thing moving very fast may still be taken for "
                    "dirt, so compare a frame with Preview first, which cleans it the same "
                    "way. Scratches that stay in one place over many frames are left."
                ),
            ),
            (
                self.tr("Calm the grain of films"),
                self.tr(
                    "Each frame of a film is averaged with the two frames each side of it "
                    "wherever they show the same picture. Grain changes from frame to frame and "
                    "the picture does not, so about half the grain goes and nothing that moves "
                    "is smeared; the Restore model then paints less texture into what was "
                    "grain."
                ),
            ),
            (
                self.tr("Even out flicker in films"),
                self.tr(
                    "Each frame of a film is brought to the steady brightness of the frames "
                    "around it in the same shot, evenly or more on one side as the flicker "
                    "needs. A cut to another shot is found and nothing is evened across it; "
                    "light that truly changes for a frame or two, such as a flash, is evened "
                    "too."
                ),
            ),
            (
                self.tr("Steady the picture of films"),
                self.tr(
                    "Where an old film's picture weaves or jumps from frame to frame, because "
                    "the film rode loose in a worn gate, a splice or a shaking camera, each "
                    "frame is moved to where the frames around it in the same shot say it "
                    "belongs. A frame that jumped alone is put back whole; the camera's own "
                    "slow pans and tilts stay, and nothing is moved across a cut. The narrow "
                    "edge a move uncovers is filled from the frames beside it. Fast shaking "
                    "that is part of the scene, such as a camera on a running horse, is "
                    "calmed too."
                ),
            ),
            (
                self.tr("Smooth repeated frames in films"),
                self.tr(
                    "A film shot at 16 or 18 frames a second and copied at 24 or 25 shows one "
                    "frame in three, or in ten, twice: the motion stops for a frame and jumps "
                    "on. A film put on NTSC video or DVD (telecined), whose fields Rekindle "
                    "matches back into the film's frames, shows one frame in five twice. "
                    "Each frame shown twice is replaced by a frame made halfway between "
                    "the frames before and after it, by following how each part of the "
                    "picture moves, so the motion slows for a moment instead of stopping. A "
                    "picture held for longer stays held, and where the motion cannot be "
                    "followed (a cut, a very fast move) the repeat is kept as it is. The film "
                    "keeps its length, its frame count and its sound."
                ),
            ),
            (
                self.tr("Interlaced video and telecined film"),
                self.tr(
                    "An interlaced film carries each frame as two fields, its even and its odd "
                    "lines, and Rekindle looks at what they hold when the film is added; the "
                    'queue says which. Video ("interlaced"): the two fields were taken a '
                    "moment apart, and each frame is made one picture before it is enlarged, "
                    'so nothing that moves comes out combed. A telecined film ("telecined '
                    'film", a film put on NTSC video or DVD): the fields are paired back into '
                    "the film's own frames, whole and sharp. Whole frames in fields (a film "
                    "shown on PAL): the frames are kept as they are. A tape's capture saved "
                    "without saying it is interlaced is found too, when its frames show it."
                ),
            ),
            (
                self.tr("Extra care, tile size and device"),
                self.tr(
                    "Extra care restores each tile in eight orientations and averages them: "
                    "slightly finer, steadier detail for eight times the time, worth it for "
                    "a few precious photos. Photos are restored in square tiles; Automatic "
                    "fits them to the memory, and a smaller tile helps when memory runs "
                    "short. Device Automatic uses an NVIDIA (CUDA) or Apple (MPS) graphics "
                    "processor when there is one, which is many times faster than the CPU; "
                    "a device that cannot be used here is greyed out with the reason."
                ),
            ),
            (
                self.tr("Films"),
                self.tr(
                    "Films are restored frame by frame with their sound and subtitles. Pick "
                    "a frame under the viewer and press Preview to judge the settings first. "
                    "Films as: H.264 plays everywhere (it is always 8-bit: a 10-bit film "
                    "written as H.264 gets a note), H.265 gives smaller files and keeps 10 bits, "
                    "ProRes 422 HQ is for editing and FFV1 loses nothing, for archives; both "
                    "keep every bit. Film quality "
                    "(H.264 and H.265): Best keeps the most grain in files about twice as "
                    "large; Smaller files soften the finest grain. Restoring a stopped film "
                    "again continues where it stopped."
                ),
            ),
            (
                self.tr("Restoring a part of a film"),
                self.tr(
                    "To try settings on a few seconds before the long job, or to restore one "
                    "damaged reel of a transfer, pick a frame under the viewer and press Set "
                    "In ({set_in}) to start the part there and Set Out ({set_out}) to end it "
                    "with the frame shown. The part shows on the bar under the viewer and in "
                    "the film's row, and Restore restores it alone, exactly as the whole "
                    "film's run would make its frames, its sound cut to match; its result is "
                    "named by its frames (film [frames 241-480].mp4), and numbered frames "
                    "keep the whole film's numbers. Clear In/Out ({clear}) marks the whole "
                    "film again. A cluster restores whole films only."
                ).format(
                    set_in=_keys("set_in"), set_out=_keys("set_out"), clear=_keys("clear_in_out")
                ),
            ),
            (
                self.tr("Films as numbered frames"),
                self.tr(
                    "Films as DPX frames (for grading), TIFF frames or PNG frames writes each "
                    "frame as a picture of its own, numbered (film_000001.dpx…), in a folder "
                    "named after the film in the output folder, with its sound beside them as "
                    "WAV files, for a grading suite to conform; DPX frames carry the film's "
                    "timecode. They lose nothing, so Film quality does not apply. A stopped "
                    "film continues as a film does; frames finished before are kept, and the "
                    "new ones go into a folder beside them."
                ),
            ),
            (
                self.tr("Frame sequences"),
                self.tr(
                    "A folder of a film scanner's numbered DPX frames (frame_000001.dpx, "
                    "frame_000002.dpx…), 24 frames or more, joins the queue as one film named "
                    "after the folder, and is restored as a film is, into one "
                    "film of that name. It runs at the rate its scanner wrote in the frames, "
                    "or where they state none, at 24 frames a second; Sequence rate, under "
                    "Films, sets another (23.976 or 24000/1001 for NTSC). A sequence with a "
                    "number missing cannot be opened, and its row "
                    "names the frame; with Allow gaps in frame sequences it is taken, and the "
                    "frame before a gap stays on screen through it. The folder's other pictures "
                    "stay photos, and so do numbered TIFF, PNG and JPEG pictures, which cameras "
                    "and print scanners number too (the command line's restore-video takes "
                    "them as a film); Restore as Photos, in the queue's right-click menu, "
                    "queues a film's frames as photos instead."
                ),
            ),
            (
                self.tr("Restore on a cluster"),
                self.tr(
                    "Under Advanced, Restore on a cluster sends the work to a Ray cluster, and "
                    "Cluster takes the address of its head (host:port, where ray start --head "
                    "runs), checked as you type it. Films are cut into segments that the "
                    "cluster's computers restore side by side; they read the film at the same "
                    "path as this computer, so keep films in a folder they all share. Photos "
                    "go one at a time to a remote cluster's workers and come back to be shown "
                    "and saved here. local starts a cluster on this computer, for films only "
                    "(local:N for N workers, one per GPU by default). Without Ray (pip install "
                    "'rekindle[cluster]') the setting is greyed out."
                ),
            ),
            (
                self.tr("Saving: format and file names"),
                self.tr(
                    "Restored photos and films go into the Folder chosen: those of a folder "
                    "you added into a folder of its name there, keeping its subfolders, and "
                    "files added one by one straight into it. A folder on a drive that is not "
                    "plugged in is refused before restoring starts. Format: Same as the original "
                    "keeps each photo's own (a HEIC photo's result is a JPEG); PNG and TIFF "
                    "lose nothing and keep 16 bits, JPEG and WebP make smaller files, and BMP "
                    "carries no colour profile or description. File names: {stem} stands for "
                    "the original's name and {recipe} for how the result was made (the model, "
                    "the size and the choices that change the picture, such as spots, or g30 "
                    "for grain at 30%), so restoring with other settings makes a new file "
                    "beside the first; the command line keeps the original's name. Save each "
                    "photo as soon as it is restored writes each result at once, so a crash "
                    "loses only the photo under way; turned off, use Save or Save All."
                ),
            ),
            (
                self.tr("Scans of several prints"),
                self.tr(
                    "Queue > Split Scan into Prints cuts each print out of a scan of several "
                    "laid on the scanner a little apart, straightens it and adds it to the "
                    "queue; the scan itself is left as it is. Scan pale prints under a dark "
                    "sheet so their edges stand out. A print photographed with a phone at an "
                    "angle is flattened into its own shape the same way (on a wooden table too, "
                    "when its edge shows all round: a white border or a dark cloth under it "
                    "helps). "
                    "Queue > Turn Left and Turn Right put a print scanned on its side upright: "
                    "a turned copy takes its place in the queue."
                ),
            ),
            (
                self.tr("Training on your own photos"),
                self.tr(
                    "Tools > Train on My Collection makes a model of your own from a folder "
                    "of good photos (at least 256 pixels on the shorter side), usually "
                    "starting from a built-in model. It can take hours; it can be paused, and "
                    "continued after closing. Photos Rekindle restored and folders of prepared "
                    "training data are left out, and Details lists what was left out, with why. "
                    "The finished model is listed with the others, and Models > Manage Models "
                    "shows what it was trained on."
                ),
            ),
            (
                self.tr("What Rekindle does not do yet"),
                self.tr(
                    "It does not find cracks, tears or creases by itself, nor rebuild a large "
                    "missing piece such as a torn-off corner: small tears, creases, cracks and "
                    "scratches painted over with Mark Spots are filled from the picture around "
                    "them, and Clean-up 1x reduces only small dust specks. It "
                    "does not restore faces, and face restoration models are refused. It does "
                    "not colourise black-and-white photos: they stay black and white."
                ),
            ),
        ]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Rekindle Guide"))
        self.browser.setHtml(
            "".join(
                f"<h3>{escape(title)}</h3><p>{escape(body)}</p>" for title, body in self._sections()
            )
        )


def _keys(name: str) -> str:
    """The keys of the window's action ``name`` (its id), as the platform writes them."""
    return keys_text(keys_of(next(spec for spec in ACTIONS if spec.id == name)))
