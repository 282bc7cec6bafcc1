"""Problems print as ``path:line:col: message`` and as GitHub ``::error`` lines."""

from __future__ import annotations

from dossier.problems import DossierError, Problem, format_github, format_problems


def test_problem_prints_path_line_col_message() -> None:
    problem = Problem("sources/x.yml", 3, 7, "Unknown key 'quotes' in the annotation file.")
    assert str(problem) == "sources/x.yml:3:7: Unknown key 'quotes' in the annotation file."


def test_github_line_escapes_percent_and_newlines() -> None:
    problem = Problem("sources/x.yml", 2, 1, "100% wrong\nsecond line\r")
    assert problem.github == "::error file=sources/x.yml,line=2,col=1::100%25 wrong%0Asecond line%0D"


def test_format_problems_sorts_by_file_then_position() -> None:
    problems = [
        Problem("sources/b.yml", 1, 1, "b"),
        Problem("sources/a.yml", 10, 1, "a10"),
        Problem("sources/a.yml", 2, 5, "a2"),
    ]
    assert format_problems(problems) == "sources/a.yml:2:5: a2\nsources/a.yml:10:1: a10\nsources/b.yml:1:1: b"


def test_format_github_one_line_per_problem() -> None:
    problems = [Problem("b.yml", 1, 2, "second"), Problem("a.yml", 3, 4, "first")]
    assert format_github(problems) == "::error file=a.yml,line=3,col=4::first\n::error file=b.yml,line=1,col=2::second"


def test_dossier_error_carries_every_problem_in_order() -> None:
    error = DossierError([Problem("b", 1, 1, "y"), Problem("a", 1, 1, "x")])
    assert [p.path for p in error.problems] == ["a", "b"]
    assert str(error) == "a:1:1: x\nb:1:1: y"
