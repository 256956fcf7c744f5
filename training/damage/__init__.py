"""A model of the damage real old photos and films carry, for making training pairs.

A restoration model removes only the damage it has seen in its inputs. The built-in models
first saw clean photos shrunk by bicubic, so on real scans they sharpened grain, print texture
and JPEG blocks instead of removing them. This model makes the low-resolution side of a pair
from the sharp crop by the chain old material went through, as Real-ESRGAN's second-order
degradation does, but drawn from what old prints and film frames show (``../shared/data/real``:
a 1990s colour print with fine colour grain and JPEG, a soft print with blocking, chroma bleed
and white dust, silent-film frames softened by old optics and copies, grainy, then squeezed by
a video codec).

It never changes colour or tone: fading and casts are ``engine.fading``'s work, and a model
that learnt to recolour would tint black-and-white film. Every step keeps the mean level, and a
black-and-white crop (``numpy_pipeline.is_neutral``) gets no colour noise at all, so it stays
grey. The sharp side is never touched.

The chain, in the order it is applied (probabilities and ranges are the constants of
``training.damage.recipe``; "film pixels" are those of the material before the scan, 1 to
``scale`` times finer than the low-resolution crop, log-uniform):

=============  =====================  ===================================================
step           how often              what
=============  =====================  ===================================================
material       film 40 %, print 60 %  decides which of the steps below can happen
clean          8 %                    nothing but antialiased bicubic (clean scans stay
                                      clean; the model must not invent damage)
to film        always                 the sharp crop reduced to film resolution: area,
                                      antialiased bicubic or antialiased bilinear
capture blur   85 %                   optics, enlarger and print softness: Gaussian (round
                                      or anisotropic), generalised Gaussian, plateau or
                                      defocus disc; 0.2-1.6 px sigma, 0.4-2 px disc
grain          print 55 %, film 85 %  film grain: clumped (sigma 0.4-1.4 film px), mostly
                                      in luminance (up to 30 % colour on colour material),
                                      strongest in midtones, 1.5-14 levels, log-uniform
dye clouds     print 30 %, film 15 %  colour material only: soft blotches of colour noise
                                      (sigma 1-3 film px, 1.5-5 levels), no brightness
print screen   prints, 12 %           halftone dots, pitch 2.2-6 film px at 0-90 degrees,
                                      5-25 % depth in the midtones
paper texture  prints, 25 %           band-pass lumps stretched along fibres, 1-5 %
scan blur      50 %                   the scanner's or copy's own softness, 0.3-1 film px
to the crop    always                 film resolution to the crop: area, antialiased
                                      bicubic, or plain bilinear that skips pixels and
                                      turns screens and grain into moiré and aliasing
sensor noise   30 %                   Gaussian, 1-5 levels, half of it luminance only
scratches      print 3 %, film 12 %   thin, mostly vertical lines (``training.degrade``)
dust           print 10 %, film 20 %  specks, light or dark (``training.degrade``)
compression    print 70 %, film 80 %  JPEG quality 25-92; on film, 60 % of the time a
                                      video codec's 8 px blocks instead (MPEG-2 intra
                                      quantiser 3-40, dead zone 0.5-1.3, any grid phase)
=============  =====================  ===================================================

Modules: ``recipe`` draws the params (plain JSON, stored in a dataset's manifest so any pair
can be rebuilt), ``kernels`` builds the blur kernels, ``numpy_pipeline`` applies them one crop
at a time (``prepare``, the wizard, the damaged benchmark), ``torch_pipeline`` applies them to
a batch on the training device, ``block_codec`` is JPEG and video blocking for both.
"""
