"""Reform files shipped with the package, and the Reform classes YAML tests name.

`openfisca_assistance.reforms.files.<name>` is the Reform class generated
from `<name>.yaml` in this folder, or in a folder listed in the environment
variable ASSISTANCE_REFORM_FILE_PATH. OpenFisca's YAML runner replaces the
whole parameter tree when a test gives `parameters:`, so tests apply a reform
file by naming its class instead:

    reforms:
      - openfisca_assistance.reforms.files.law_2026_from_2020

An invalid file raises its validation error; a missing one is an
AttributeError, as for any missing attribute.
"""


def __getattr__(name: str):
    if name.startswith("_"):
        raise AttributeError(name)
    from openfisca_assistance import reform_files
    from openfisca_assistance.errors import InputError

    try:
        path = reform_files.find(name)
    except InputError as error:
        raise AttributeError(f"{error.message} ({error.fix})") from error
    return reform_files.class_for_name(path.stem)
