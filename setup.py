"""Packages and package data; everything else about the distribution is in pyproject.toml.

The default theme lives at the top of the repository (templates/), outside the package. The wheel carries it
as the data-only package generator.theme: setuptools maps that package to templates/ (package_dir), so the
checkout keeps its layout, an sdist and a wheel both pick the files up through package_data, and nothing is
copied by hand. generator/core/paths.py finds generator/theme in an installed wheel and templates/ in the
checkout (or an editable install). find_packages() picks up every stage package, so a new one needs no entry.
"""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator.theme"],
    package_dir={"generator.theme": "templates"},
    package_data={
        "generator.theme": ["**/*"],  # templates, CSS, JS, fonts: all of templates/
        "generator.validate": ["rules.yaml", "fielddocs.yaml"],  # fielddocs: the Dutch field texts of bestek schema
        "generator.core": ["codelists/*", "message_codes.tsv"],  # official code lists; the codes of bestek messages
        "generator.write": ["starters/**/*"],  # the files of bestek new, one folder per kind
        "generator.render.exports": ["xlsx_parts/*.xml"],  # the styles and theme of the spreadsheets
    },
    include_package_data=False,
    # not build/: that is the output folder of the default project (the repository itself), which Bestek
    # replaces as a whole and refuses to replace when it holds anything else (such as setuptools' build/lib)
    options={"build": {"build_base": ".setuptools-build"}},
)
