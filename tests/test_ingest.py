"""Ingestion: metadata detection, .docx/.pdf/.txt into a corpus copy, all-or-nothing, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from test_loaders import write_docx, write_pdf  # same folder; pytest puts it on sys.path

from rag.ingest.add import ingest_files
from rag.ingest.chunk import chunk_corpus
from rag.ingest.corpus import load_manifest
from rag.ingest.metadata import detect_metadata, level_and_region

REPO = Path(__file__).resolve().parents[1]
NOTICE = [
    "某市人民政府关于印发某市充电基础设施建设实施方案的通知",
    "某政字〔2024〕7号",
    "各县（市、区）人民政府，市政府各部门：",
    "现将《某市充电基础设施建设实施方案》印发给你们，请认真贯彻执行。",
    "某市人民政府",
    "2024年3月5日",
    "某市充电基础设施建设实施方案",
    "一、重点任务",
    "（一）加快建设充电桩。到2025年建成公共充电桩2000台。（牵头单位：市发改委；责任单位：市住建局）",
    "（二）完善加氢设施。（牵头单位：市工信局）",
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` by name, with its bytes (to prove a folder did not change)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(".lock")}


def test_detect_metadata_of_the_shipped_plans():
    files = {f.document.id: f for f in load_manifest(REPO / "corpus")}
    for f in files.values():
        meta = detect_metadata(f.read_text())
        d = f.document
        assert meta == {"title": d.title, "number": d.number, "issuer": d.issuer, "date": d.date,
                        "published": d.published, "level": d.level, "region": d.region}


def test_detect_metadata_of_a_small_notice():
    meta = detect_metadata("\n".join(NOTICE))
    assert meta == {"title": "某市充电基础设施建设实施方案", "number": "某政字〔2024〕7号", "issuer": "某市人民政府",
                    "date": "2024-03-05", "published": "", "level": "city", "region": "某市"}
    assert detect_metadata("国务院办公厅关于加快发展的意见\n国办发〔2020〕39号\n正文。\n二〇二〇年十月二十日")["date"] == "2020-10-20"


def test_a_markdown_plan_s_metadata_block_names_its_issuer():
    text = "\n".join(["# 柘原县关于集聚高层次人才的若干措施", "> 文号：柘政办发〔2025〕9号",
                      "> 印发单位：柘原县人民政府办公室", "> 印发日期：2025年3月18日", "一、总则。正文。"])
    meta = detect_metadata(text)
    assert (meta["issuer"], meta["level"], meta["region"], meta["date"]) == ("柘原县人民政府办公室", "county", "柘原县", "2025-03-18")


def test_a_title_names_the_place_when_no_issuer_does():
    """A 办法 flattened to one line (its 文号 glued to its title) and a reposted 问答 name no issuer of a
    level: the place their title opens with does."""
    one_line = "芷泉市人才安居办法（芷人才办发〔2025〕3号）第一条 为解决人才住房困难，制定本办法。第二条 本办法自2025年10月1日起施行。"
    meta = detect_metadata(one_line)
    assert (meta["title"], meta["number"], meta["level"], meta["region"]) == ("芷泉市人才安居办法", "芷人才办发〔2025〕3号", "city", "芷泉市")
    repost = "\n".join(["轉載自：杞原市衛生健康委員會網站", "發佈時間：2025年7月18日　來源：市中醫藥管理局", "",
                        "【政策解讀】《杞原市促進中醫藥產業發展若干措施》問答", "",
                        "近日，市政府印發《若干措施》。現就社會關注的問題作如下解答。", "", "問：哪些主體可以申請？", "答：本市註冊的企業。"])
    meta = detect_metadata(repost)
    assert (meta["title"], meta["level"], meta["region"]) == ("《杞原市促進中醫藥產業發展若干措施》問答", "city", "杞原市")
    assert detect_metadata("全市人才安居办法\n第一条 为解决人才住房困难，制定本办法。")["level"] == "other"  # 全市 names no place


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        ("山东省人民政府", ("province", "山东省")),
        ("聊城市人民政府", ("city", "聊城市")),
        ("聊城市茌平区人民政府", ("county", "茌平区")),
        ("国务院办公厅", ("national", "全国")),
        ("工业和信息化部", ("national", "全国")),
        ("", ("other", "")),
    ],
)
def test_level_and_region(issuer: str, expected: tuple[str, str]):
    assert level_and_region(issuer) == expected


def test_ingest_docx_and_pdf(corpus_dir: Path, tmp_path: Path):
    docx_path = write_docx(tmp_path / "City Plan.docx", NOTICE)
    pdf_path = write_pdf(tmp_path / "plan2.pdf", ["某县实施方案", "一、主要任务", "1.建设充电站。到2025年建成10座。（牵头单位：县发改局）"])
    added = ingest_files([docx_path, pdf_path], corpus_dir)
    assert [d.id for d in added] == ["city-plan", "plan2"]
    assert added[0].number == "某政字〔2024〕7号" and added[0].level == "city"
    assert added[0].source_path == "corpus/city-plan.txt"
    files = load_manifest(corpus_dir)
    assert [f.document.id for f in files][-2:] == ["city-plan", "plan2"]
    manifest = (corpus_dir / "documents.toml").read_text(encoding="utf-8")
    assert manifest.startswith("# Corpus manifest")  # comments of the existing manifest survive
    _, clauses = chunk_corpus(files[-2:])
    by_id = {c.id: c for c in clauses}
    assert by_id["city-plan:一/一"].lead == ("市发改委",) and by_id["city-plan:一/一"].support == ("市住建局",)
    assert by_id["city-plan:通知"].kind == "notice"
    assert by_id["plan2:一/1"].targets[0].raw == "10座"


def test_txt_is_copied_byte_for_byte_under_a_safe_name(corpus_dir: Path, tmp_path: Path):
    src = tmp_path / "..evil name.txt"
    data = "\n".join(NOTICE).encode("utf-8")
    src.write_bytes(data)
    (doc,) = ingest_files([src], corpus_dir, id="safe-doc", level="city", date="2024-03-05")
    stored = corpus_dir / "safe-doc.txt"
    assert stored.read_bytes() == data and doc.source_path == "corpus/safe-doc.txt"
    assert not list(tmp_path.glob("*.toml"))


def test_rejections_leave_the_corpus_unchanged(corpus_dir: Path, tmp_path: Path):
    before = snapshot(corpus_dir)
    title_only = tmp_path / "title.txt"
    title_only.write_text("某某方案\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("\n".join(NOTICE), encoding="utf-8")
    cases = [
        ([good, title_only], {}, "no clause"),  # all or nothing: the good file is not added either
        ([good], {"id": "shandong-nev-2023"}, "already in the corpus"),
        ([good], {"id": "../escape"}, "not allowed"),
        ([good], {"level": "planet"}, "not allowed"),
        ([good], {"date": "5 March"}, "YYYY-MM-DD"),
        ([good], {"colour": "red"}, "unknown metadata"),
        ([REPO / "corpus" / "shandong_nev_action_plan_2023.txt"], {"id": "again"}, "same text"),
        ([tmp_path / "missing.pdf"], {}, "no such file"),
    ]
    for paths, overrides, message in cases:
        with pytest.raises(ValueError, match=message):
            ingest_files(paths, corpus_dir, **overrides)
        assert snapshot(corpus_dir) == before


def test_cli_ingest_and_clauses(corpus_dir: Path, tmp_path: Path):
    cli = [sys.executable, "-c", "from app.cli.main import main; main()"]
    pdf_path = write_pdf(tmp_path / "county.pdf", NOTICE)
    ok = subprocess.run([*cli, "ingest", str(pdf_path), "--corpus-dir", str(corpus_dir), "--region", "某市"],
                        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "added county" in ok.stdout
    entry = tomllib.loads((corpus_dir / "documents.toml").read_text(encoding="utf-8"))["documents"][-1]
    assert entry["id"] == "county" and entry["file"] == "county.txt" and entry["number"] == "某政字〔2024〕7号"
    listed = subprocess.run([*cli, "clauses", "--doc", "county", "--json", "--corpus-dir", str(corpus_dir)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert {c["clause_id"] for c in data["clauses"]} >= {"county:通知", "county:一/一", "county:一/二"}
    assert set(data["clauses"][0]) >= {"clause_id", "doc_id", "path", "title", "text", "lead", "support",
                                       "support_inherited", "targets", "source_path", "start", "end"}
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    bad = subprocess.run([*cli, "ingest", str(empty), "--corpus-dir", str(corpus_dir)],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert bad.stderr.strip().count("\n") == 0 and "empty" in bad.stderr


def test_cli_ingest_defaults_to_the_configured_corpus(corpus_dir: Path, tmp_path: Path):
    """Without ``--corpus-dir`` the CLI uses POLICYQA_CORPUS_DIR, never ./corpus of the cwd."""
    import os

    shipped = snapshot(REPO / "corpus")
    doc = tmp_path / "county.txt"
    doc.write_text("\n".join(NOTICE), encoding="utf-8")
    env = {**os.environ, "POLICYQA_CORPUS_DIR": str(corpus_dir)}
    cli = [sys.executable, "-c", "from app.cli.main import main; main()"]
    ok = subprocess.run([*cli, "ingest", str(doc)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert (corpus_dir / "county.txt").exists()
    assert snapshot(REPO / "corpus") == shipped
    listed = subprocess.run([*cli, "clauses", "--doc", "county", "--json"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["clauses"]
