"""A result's recipe: the choices that made it (model, repair and detail, clean-up stages, size,
fading, a photo's spots, grain added, a film's cleanups, device, when), as one value that
names the result file, marks a result stale when the current choices differ, and is kept in
the workspace with the result.

``suffix`` keeps only what changes the pixels and differs from the plainest choice, so the
common case stays short: ``photo [restore-x4].png`` (at the repair strength it starts at),
``photo [restore-x4 r80 d40 2x].png``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from string import Formatter

from engine.chain import ModelRequest
from engine.errors import RekindleError
from engine.file_names import STEM_MAX, byte_length, name_within
from engine.library.blend import DETAIL, REPAIR, Mix, blend_family
from engine.output_size import OutputSize
from engine.restorer import RestoreOptions
from engine.video.temporal import FilmCleanup
from engine.words import say

DEFAULT_PATTERN = "{stem} [{recipe}]"
"""How a result file is named: ``{stem}`` is the original's name without its extension,
``{recipe}`` the recipe's short words; the extension follows."""
PATTERN_FIELDS = ("stem", "recipe")
NO_CLEANUP = FilmCleanup()  # a photo's, or a film's left as decoded
SPOTS_FOUND = "found"
"""A photo's ``Recipe.spots`` where its spots were found by Remove dust and specks (not
marked by hand)."""
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class Recipe:
    """The choices a result was made with. ``made_at`` (seconds since the epoch) and
    ``device`` are recorded but do not change the pixels, so they are left out of
    comparisons and names. So is ``fading_found``: where ``fix_fading`` was asked, whether
    the photo's fading measured showed any (``FadingFix.faded``; None where it is not known:
    a film's, one found on disk, one made before it was recorded). The photo tells it, not
    the choices, and only once it is read: a result is named and looked for by what was
    asked (``words``), and a person is told what was done (``app.recipe_title``)."""

    model: str
    detail: float | None = None
    repair: float | None = None
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    scale_out: int | None = None
    long_side: int | None = None
    print_mm: tuple[float, float] | None = None
    dpi: int | None = None
    fix_fading: bool = False
    spots: str = ""  # photos: SPOTS_FOUND (engine.retouch.find), or hand-made marks' fingerprint
    ensemble: bool = False
    grain: float = 0.0  # fine grain added to the result (engine.added_grain)
    remove_dust: bool = False  # films only (engine.video.dust)
    steady_flicker: bool = False  # films only (engine.video.flicker)
    calm_grain: bool = False  # films only (engine.video.grain)
    steady_picture: bool = False  # films only (engine.video.weave)
    smooth_repeats: bool = False  # films only (engine.video.inbetween)
    device: str = field(default="", compare=False)
    made_at: float = field(default=0.0, compare=False)
    fading_found: bool | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        request: ModelRequest,
        options: RestoreOptions,
        device: str = "",
        made_at: float = 0.0,
        cleanup: FilmCleanup = NO_CLEANUP,
        marked: str = "",
    ) -> Recipe:
        """The recipe of a result made with ``request`` and ``options`` (and, for a film,
        ``cleanup``; for a photo whose spots and scratches were marked by hand, ``marked``: a
        fingerprint of the marks, such as ``engine.retouch.marks.marks_digest``'s)."""
        size = options.size or OutputSize()
        found = SPOTS_FOUND if options.find_spots else ""
        return cls(
            model=model_name(request.key),
            detail=request.detail,
            repair=request.repair,
            before=tuple(model_name(key) for key in request.before),
            after=tuple(model_name(key) for key in request.after),
            scale_out=None if size.long_side or size.print_mm else options.scale_out,
            long_side=size.long_side,
            # a print's two sides, either way round, make the same result
            print_mm=tuple(sorted(size.print_mm)) if size.print_mm else None,
            dpi=size.dpi if size.print_mm else None,
            fix_fading=options.fix_fading,
            spots=marked or found,
            ensemble=options.ensemble,
            grain=options.grain,
            **cleanup.settings(),
            device=device,
            made_at=made_at,
        )

    def measured(self, fading_found: bool | None) -> Recipe:
        """This recipe with what its photo or film showed of fading (``fading_found``), where
        a fix was asked."""
        return replace(self, fading_found=fading_found) if self.fix_fading else self

    def words(self) -> list[str]:
        """The recipe in short words, the model's name first; ``colour`` where a fix of
        fading was asked, found or not: a result's name is given before its photo is read,
        and runs look for a result under the name their choices give it (``restore``'s
        skipping, ``app.earlier_results``)."""
        words = [*self.before, self.model, *self.after]
        repair, detail = self.strengths_told()
        if repair is not None:
            words.append(f"r{round(repair * 100)}")
        if detail is not None:
            words.append(f"d{round(detail * 100)}")
        if self.long_side:
            words.append(f"{self.long_side}px")
        elif self.print_mm:
            short, long = sorted(self.print_mm)
            words.append(f"{_mm(short)}x{_mm(long)}mm@{self.dpi}dpi")
        elif self.scale_out:
            words.append(f"{self.scale_out}x")
        if self.fix_fading:
            words.append("colour")
        if self.spots:
            words.append("spots")
        if self.ensemble:
            words.append("care")
        if self.grain:
            words.append(f"g{round(self.grain * 100)}")
        if self.remove_dust:
            words.append("dust")
        if self.calm_grain:
            words.append("calm")
        if self.steady_flicker:
            words.append("steady")
        if self.steady_picture:
            words.append("still")
        if self.smooth_repeats:
            words.append("smooth")
        return words

    def strengths_told(self) -> tuple[float | None, float | None]:
        """The repair and detail strengths the recipe tells (None: not told). The repair is
        left out where it is the one a built-in model starts at (``BlendFamily.offered``:
        Restore 4x's 0.75 is the plain choice), so that the Restore model at full strength is
        told apart (``r100``); the detail is told where the model was blended at one."""
        family = blend_family(self.model)
        if family is None:
            return self.repair, self.detail
        repair = family.position(self.model).repair if self.repair is None else self.repair
        return (None if repair == family.offered(self.model).repair else repair), self.detail

    def mix(self) -> Mix | None:
        """Where the result sits among its built-in blend family's models
        (``engine.library.blend``): its model's corner, at the strengths it was blended at;
        None for a model of no family."""
        family = blend_family(self.model)
        if family is None:
            return None
        own = family.position(self.model)
        return Mix(
            own.repair if self.repair is None else self.repair,
            own.detail if self.detail is None else self.detail,
        )

    def suffix(self) -> str:
        return " ".join(self.words())

    def file_stem(self, stem: str, pattern: str = DEFAULT_PATTERN) -> str:
        """The result's file name without extension, by ``pattern`` (see DEFAULT_PATTERN);
        characters no file system takes are replaced, and the original's name ``stem`` is
        cut short where the whole would pass ``STEM_MAX`` bytes (``name_within``), so that
        the result's name, numbered or of another format, and its comparison's keep the
        recipe and fit in a file name."""
        check_pattern(pattern)
        recipe = self.suffix()
        cut = name_within(stem, _stem_room(pattern, recipe))
        return UNSAFE.sub("_", pattern.format(stem=cut, recipe=recipe)).strip() or cut

    def differences(self, other: Recipe) -> list[str]:
        """The names of the choices that differ between two recipes (empty: same pixels). A
        blend family's results differ by their strengths, not by the model each is named
        after: Restore 4x with its repair taken down to 0 is Faithful 4x's, yet only the
        repair changed. Between a model of no family and another, the strengths go with the
        model, so only the model differs."""
        ours, theirs = self._choices(), other._choices()
        names = [name for name, value in ours.items() if value != theirs[name]]
        if "model" in names and not (blend_family(self.model) and blend_family(other.model)):
            names = [name for name in names if name not in (REPAIR, DETAIL)]
        return names

    def _choices(self) -> dict[str, object]:
        """The choices that change the pixels, by name; a blend family's model as its
        family, and its strengths as its ``mix``'s."""
        choices = {f.name: getattr(self, f.name) for f in fields(self) if f.compare}
        mix = self.mix()
        if mix is not None:
            choices.update(model=blend_family(self.model), repair=mix.repair, detail=mix.detail)
        return choices

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Recipe:
        """The recipe ``to_json`` wrote; keys this version does not know are ignored. A text
        that is not a recipe raises ``RekindleError``."""
        try:
            raw = json.loads(text)
            known = {f.name for f in fields(cls)}
            values = {k: v for k, v in raw.items() if k in known}
            for key in ("before", "after"):
                values[key] = tuple(values.get(key) or ())
            if values.get("print_mm") is not None:
                values["print_mm"] = tuple(values["print_mm"])
            return replace(cls(model=str(values.pop("model"))), **values)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise RekindleError(say("not a recipe ({error})", error=repr(error))) from None


def check_pattern(pattern: str) -> None:
    """Refuse a naming pattern that would not name results apart, or could not be filled: it
    must hold ``{stem}``, no field but ``{stem}`` and ``{recipe}`` (and those plain, without
    a format), and its braces must pair up (``{{`` and ``}}`` stand for a brace)."""
    try:
        parts = list(Formatter().parse(pattern))
    except ValueError:
        raise RekindleError(
            say(
                "a naming pattern's braces must pair up: {{stem}}, {{recipe}}, "
                "or {{{{ and }}}} for a brace"
            )
        ) from None
    names = set()
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PATTERN_FIELDS or spec or conversion:
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise RekindleError(
                say(
                    "a naming pattern takes only {{stem}} and {{recipe}}, not {{{field}}}",
                    field=written,
                )
            )
        names.add(name)
    if "stem" not in names:
        raise RekindleError(say("a naming pattern needs {{stem}}, the original's name"))


def _stem_room(pattern: str, recipe: str) -> int:
    """The bytes each ``{stem}`` of ``pattern`` may take in a result's stem: ``STEM_MAX``
    less the rest of the pattern, filled with ``recipe``."""
    rest = byte_length(pattern.format(stem="", recipe=recipe))
    stems = sum(name == "stem" for _text, name, _spec, _conversion in Formatter().parse(pattern))
    return (STEM_MAX - rest) // stems


def model_name(key: str) -> str:
    """A model key as a short name: a path's file name without its extension."""
    name = re.split(r"[\\/]", key)[-1]
    return re.sub(r"\.(safetensors|pth|pt|ckpt)$", "", name, flags=re.IGNORECASE)


def _mm(value: float) -> str:
    return f"{value:g}"
