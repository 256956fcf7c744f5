"""Rekindle's model library: what a model is, how each kind of file loads, and the models a
person has (built-in and their own), with no Qt, so the command line, the app and the trainer
share it.

- ``descriptor``: ``ModelDescriptor``, the one description of a loaded model that the tiler,
  the command line, the app and the trainer read, and ``Origin``, where a model came from.
- ``files``: which files are models, by suffix.
- ``registry`` and ``unet``: Rekindle's own architectures, each able to build its network,
  recognise its file and state its working set.
- ``own_format``: Rekindle's model files (safetensors with a self-describing header).
- ``community``: community models (ESRGAN, SwinIR...) through spandrel.
- ``loading``: a model by name or path, loaded; ``blend``: the repair and detail strengths
  between built-in models.
- ``sidecar``, ``store``, ``entry`` and ``catalog``: the user's models folder (import, remove,
  details remembered beside each file) and the list of models a person can choose from, each a
  ``CatalogEntry`` (what is known of a model file without loading it).
- ``command``: ``python -m engine models``.
"""
