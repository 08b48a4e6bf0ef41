"""Gương sáng: validate exemplar stories and turn them into a static site.

The core (load -> validate -> group -> render data) does not import MkDocs; the MkDocs adapter
lives in `generator.adapters.mkdocs` and the command line in `generator.adapters.cli`.
"""

from generator.core.errors import ExemplarsError, Problem, ValidationFailed
from generator.core.model import Award, Field, Image, Kind, Locality, Movement, Status, Story, Unit
from generator.validate.project import Project, load_project
from generator.core.settings import Settings
from generator.core.vocabulary import Vocabulary
from generator.load.vocabulary import load_vocabulary

__all__ = [
    "Award",
    "ExemplarsError",
    "Field",
    "Image",
    "Kind",
    "Locality",
    "Movement",
    "Problem",
    "Project",
    "Settings",
    "Status",
    "Story",
    "Unit",
    "ValidationFailed",
    "Vocabulary",
    "load_project",
    "load_vocabulary",
]
