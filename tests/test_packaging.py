"""Both addons build as wheels with whool, with the right names, versions and requirements."""

import ast
import email
import pathlib
import subprocess
import zipfile

import pytest
import tomllib
from conftest import PYTHON, ROOT

# The OCA addon web_timeline (the timeline views) is a normal OCA dependency of both;
# queue_job (background jobs) and report_xlsx (the XLSX reports) of both.
ADDONS = {
    "production_coordination": {
        "odoo==18.0.*",
        "odoo-addon-queue_job==18.0.*",
        "odoo-addon-report_xlsx==18.0.*",
        "odoo-addon-web_timeline==18.0.*",
        "xlsxwriter",
        "python-dateutil",
    },
    "production_coordination_media": {
        "odoo==18.0.*",
        "odoo-addon-production_coordination==18.0.*",
        "odoo-addon-queue_job==18.0.*",
        "odoo-addon-report_xlsx==18.0.*",
        "odoo-addon-web_timeline==18.0.*",
        "xlsxwriter",
        "python-dateutil",
    },
}


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheels")
    for addon in ADDONS:
        subprocess.run(
            [PYTHON, "-m", "pip", "wheel", "--quiet", "--no-deps", f"./{addon}", "-w", str(out)],
            cwd=ROOT,
            check=True,
        )
    return {path.name.split("-")[0]: path for path in pathlib.Path(out).glob("*.whl")}


@pytest.mark.parametrize("addon", sorted(ADDONS))
def test_wheel_metadata(wheels, addon):
    wheel = wheels[f"odoo_addon_{addon}"]
    with zipfile.ZipFile(wheel) as archive:
        [metadata_name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
        names = archive.namelist()
    assert metadata["Name"] == f"odoo-addon-{addon}"
    # The manifest's version (setuptools-odoo may add a post-release suffix).
    manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
    assert metadata["Version"].startswith(manifest["version"])
    requires = {req.replace(" ", "") for req in metadata.get_all("Requires-Dist")}
    assert requires == ADDONS[addon]
    assert f"odoo/addons/{addon}/__manifest__.py" in names
    assert f"odoo/addons/{addon}/static/description/icon.png" in names


def test_metapackage_names_both_addons():
    meta = tomllib.loads((ROOT / "setup" / "_metapackage" / "pyproject.toml").read_text())
    assert set(meta["project"]["dependencies"]) == {f"odoo-addon-{a}==18.0.*" for a in ADDONS}
