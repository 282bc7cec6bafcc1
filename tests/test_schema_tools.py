"""The JSON Schemas as outside tools read them: valid under their metaschema with
ECMA-262 regular expressions, met by every real file under check-jsonschema, run
by pre-commit; and their patterns mean for the loader what they mean for the schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import regress
import yaml
from conftest import ROOT, write_dossier

from dossier import schema
from dossier.load import load_dossier
from dossier.schema import build_json_schema, build_topics_json_schema

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
PATTERNS = {
    name: getattr(schema, name)
    for name in ("SLUG_PATTERN", "LANGUAGE_PATTERN", "URL_PATTERN", "DATE_PATTERN", "EVENT_DATE_PATTERN")
}
SAMPLES = [
    "factory",
    "factory\n",
    "fr",
    "fr-CA",
    "es-419",
    "2023",
    "2023\n",
    "2023-02",
    "2023-02-28",
    "2023-H1",
    "2023-Q4",
    "2023-Q5",
    "٢٠٢٣",
    "２０２３-02",
    "https://example.org/a",
    "https://example.org/a\n",
    "https://example.org/a b",
    "https://example.org/a\u00a0b",
    "https://example.org/a\u2003b",
    "https://example.org/a\u0085b",
    "https://example.org/a\x1cb",
    "https://example.org/a'b",
    "https://example.org/a`b",
    'https://example.org/a"b',
    "https://example.org/<b>",
    "https://example.org/café",
    "https://example.org/\ufeff",
    "http://",
]


def check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The check-jsonschema command line, as pre-commit runs it."""
    return subprocess.run([str(CHECK_JSONSCHEMA), *map(str, args)], capture_output=True, text=True, check=False)


def schema_file(name: str) -> Path:
    return ROOT / "schema" / f"{name}.schema.json"


def ecma_format_checker() -> jsonschema.FormatChecker:
    """Format checks as JSON Schema means them: a ``regex`` is an ECMA-262 pattern (unicode mode)."""
    checker = jsonschema.FormatChecker()

    @checker.checks("regex", raises=regress.RegressError)
    def is_ecma_regex(value: object) -> bool:
        if isinstance(value, str):
            regress.Regex(value, "u")
        return True

    return checker


def patterns_in(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in patterns_in(value)]
    if isinstance(node, list):
        return [p for value in node for p in patterns_in(value)]
    return []


@pytest.mark.parametrize("build", [build_json_schema, build_topics_json_schema], ids=["annotation", "topics"])
def test_generated_schemas_meet_their_metaschema_with_ecma_regexes(build) -> None:
    generated = build()
    meta = jsonschema.validators.validator_for(generated)
    meta(meta.META_SCHEMA, format_checker=ecma_format_checker()).validate(generated)
    assert set(patterns_in(generated)) <= set(PATTERNS.values())


def test_the_metaschema_check_refuses_a_python_only_escape() -> None:
    bad = build_json_schema() | {"properties": {"url": {"type": "string", "pattern": r"^[^\s<>\"]+$"}}}
    meta = jsonschema.validators.validator_for(bad)
    with pytest.raises(jsonschema.ValidationError, match="is not a 'regex'"):
        meta(meta.META_SCHEMA, format_checker=ecma_format_checker()).validate(bad)


@pytest.mark.parametrize("name", PATTERNS)
def test_each_pattern_means_the_same_to_python_and_ecma_262(name: str) -> None:
    pattern = PATTERNS[name]
    ecma = regress.Regex(pattern, "u")
    python = re.compile(pattern)
    disagree = [s for s in SAMPLES if (python.fullmatch(s) is None) != (ecma.find(s) is None)]
    assert disagree == []
    assert any(python.fullmatch(s) for s in SAMPLES)


def test_the_committed_schemas_pass_check_jsonschema_metaschema() -> None:
    result = check_jsonschema("--check-metaschema", *sorted((ROOT / "schema").glob("*.json")))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # an outside tool, as its own process
def test_every_real_file_passes_check_jsonschema() -> None:
    annotations = sorted(
        str(p) for p in (ROOT / "sources").glob("*.yml") if p.name not in {"topics.yml", "subjects.yml"}
    )
    entries = [(name, [str(ROOT / "sources" / f"{name}.yml")]) for name in ("topics", "subjects")]
    for name, files in (("annotation", annotations), *entries):
        result = check_jsonschema("--schemafile", schema_file(name), *files)
        assert result.returncode == 0, result.stdout + result.stderr
    assert len(annotations) == len(list((ROOT / "sources").glob("*.txt")))


TEXT = "Xiaomi annonce une usine.\n"
TOPICS = "topics:\n  - id: production\n    title: Production\n    summary: How many cars.\n"


def annotation(url: str) -> str:
    return (
        "title: A factory\ndate: 2023-02\nlanguage: fr\nclaims:\n  - id: factory\n    quote: une usine\n"
        f"    claim: A factory.\n    topics: [production]\n    context:\n      - text: A fact.\n"
        f"        url: {json.dumps(url)}\n"
    )


URLS = [
    "https://example.org/it's",
    "https://example.org/`code`",
    'https://example.org/"x"',
    "https://example.org/a\u00a0b",
    "https://example.org/a\n",
    "https://example.org/café",
]


@pytest.fixture(scope="module")
def url_dossiers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """For each of :data:`URLS`, a dossier whose claim cites it, and check-jsonschema's messages on
    its annotation file: one run of the command over every file (it starts in a third of a second)."""
    dossiers = {}
    for url in URLS:
        root = write_dossier(
            tmp_path_factory.mktemp("url"),
            {"sources/2023-02-x.txt": TEXT, "sources/2023-02-x.yml": annotation(url), "sources/topics.yml": TOPICS},
        )
        dossiers[url] = root
    files = {str(root / "sources/2023-02-x.yml"): url for url, root in dossiers.items()}
    result = check_jsonschema("--output-format", "json", "--schemafile", schema_file("annotation"), *files)
    report = json.loads(result.stdout)
    assert report["parse_errors"] == []
    messages: dict[str, list[str]] = {url: [] for url in URLS}
    for error in report["errors"]:
        messages[files[error["filename"]]].append(f"{error['path']}: {error['message']}")
    assert (result.returncode == 0) == (report["errors"] == [])
    return {url: (dossiers[url], messages[url]) for url in URLS}


@pytest.mark.parametrize("url", URLS)
def test_the_loader_and_check_jsonschema_agree_on_urls(url_dossiers, url: str) -> None:
    root, messages = url_dossiers[url]
    loader_accepts = load_dossier(root).problems == ()
    assert loader_accepts == (messages == []), messages
    assert loader_accepts == (url == "https://example.org/café")


def test_pre_commit_runs_check_jsonschema_on_the_annotation_subjects_and_topics_files() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    annotations = hooks["check-jsonschema-annotations"]
    topics = hooks["check-jsonschema-topics"]
    assert annotations["entry"] == ".venv/bin/check-jsonschema --schemafile schema/annotation.schema.json"
    assert topics["entry"] == ".venv/bin/check-jsonschema --schemafile schema/topics.schema.json"
    subjects = hooks["check-jsonschema-subjects"]
    assert subjects["entry"] == ".venv/bin/check-jsonschema --schemafile schema/subjects.schema.json"
    assert hooks["check-jsonschema-metaschema"]["entry"] == ".venv/bin/check-jsonschema --check-metaschema"
    expected = {
        "sources/2023-02-x.yml": "check-jsonschema-annotations",
        "sources/topics.yml": "check-jsonschema-topics",
        "sources/subjects.yml": "check-jsonschema-subjects",
        "schema/annotation.schema.json": "check-jsonschema-metaschema",
    }
    for path, hook_id in expected.items():
        chosen = [
            name
            for name, hook in hooks.items()
            if name.startswith("check-jsonschema")
            and re.search(hook["files"], path)
            and not re.search(hook.get("exclude", "^$"), path)
        ]
        assert chosen == [hook_id], path
    pins = (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines()
    assert "check-jsonschema==0.39.0" in pins


@pytest.mark.parametrize("year", ["0", "10000", "99999"])
def test_a_bare_year_out_of_range_fails_the_schema_as_the_loader(tmp_path: Path, year: str) -> None:
    text = annotation("https://example.org/").replace("date: 2023-02", f"date: {year}")
    write_dossier(
        tmp_path, {"sources/2023-02-x.txt": TEXT, "sources/2023-02-x.yml": text, "sources/topics.yml": TOPICS}
    )
    assert load_dossier(tmp_path).problems != ()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(text), build_json_schema())


@pytest.mark.slow  # git and pre-commit, as their own processes
def test_pre_commit_runs_check_jsonschema_on_a_clone(tmp_path: Path) -> None:
    from test_precommit import _link_venv

    root = tmp_path / "clone"
    bad = annotation("https://example.org/it's")
    write_dossier(root, {"sources/2023-02-x.txt": TEXT, "sources/2023-02-x.yml": bad, "sources/topics.yml": TOPICS})
    for name in (".pre-commit-config.yaml", "schema/annotation.schema.json", "schema/topics.schema.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes((ROOT / name).read_bytes())
    _link_venv(root)
    (root / ".venv" / "bin" / "check-jsonschema").symlink_to(CHECK_JSONSCHEMA)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "VIRTUAL_ENV")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "."], cwd=root, check=True, env=env)
    (root / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=root, check=True, env=env)

    def hook(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", name, "--all-files"],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    failed = hook("check-jsonschema-annotations")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "sources/2023-02-x.yml::$.claims[0].context[0].url" in failed.stdout
    for name in ("check-jsonschema-topics", "check-jsonschema-metaschema"):
        passed = hook(name)
        assert passed.returncode == 0, passed.stdout + passed.stderr


@pytest.mark.slow  # an outside tool, as its own process
def test_the_contributing_example_passes_check_jsonschema(tmp_path: Path) -> None:
    from test_contributing import SLUG, write_example

    root = write_example(tmp_path)
    for schema_file, path in (("annotation", f"sources/{SLUG}.yml"), ("topics", "sources/topics.yml")):
        result = subprocess.run(
            [
                str(CHECK_JSONSCHEMA),
                "--schemafile",
                str(ROOT / "schema" / f"{schema_file}.schema.json"),
                str(root / path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
