"""Gương sáng: validate exemplar stories and turn them into a static site.

The core (load -> validate -> group -> render data) does not import MkDocs; the MkDocs adapter
lives in `generator.plugin` and the command line in `generator.cli`.
"""

from generator.errors import ExemplarsError, Problem, ValidationFailed
from generator.model import Award, District, Field, Image, Kind, Movement, Status, Story, Unit
from generator.project import Project, load_project
from generator.settings import Settings
from generator.vocab import Vocabulary, load_vocabulary

__all__ = [
    "Award",
    "District",
    "ExemplarsError",
    "Field",
    "Image",
    "Kind",
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
