"""与户主关系 and 证件类型 as ledgers write them: for relations, the words of GB/T 4761 (家庭关系代码) and
everyday ones, each read as the relation of the standard's group; a word it does not know is still an
error naming the row."""

from grassroots.residents.ledger_read import Checked, check_rows
from grassroots.residents.models import IdType, Relation

from .ledger_files import ID_A

WRITTEN = {
    "爱人": Relation.SPOUSE,
    "老伴": Relation.SPOUSE,
    "女婿": Relation.CHILD,  # GB/T 4761: 28, under 子
    "儿媳": Relation.CHILD,  # 38, under 女
    "养女": Relation.CHILD,
    "婆婆": Relation.PARENT,
    "岳父": Relation.PARENT,
    "外婆": Relation.GRANDPARENT,
    "孙媳妇": Relation.GRANDCHILD,
    "外孙子": Relation.GRANDCHILD,
    "嫂子": Relation.SIBLING,
    "妹夫": Relation.SIBLING,
    "房客": Relation.TENANT,
    "侄子": Relation.OTHER,
    "非亲属": Relation.OTHER,
}


def test_it_reads_each_relation_word_as_its_group() -> None:
    header = ["楼栋", "房号", "姓名", "与户主关系"]
    rows = [
        header,
        *[["1号楼", "101", f"住户{i}", word] for i, word in enumerate(WRITTEN)],
        ["1号楼", "101", "某", "邻居"],
    ]
    checked = Checked()
    clean = list(check_rows(rows, set(), checked))
    assert [r.relation for r in clean] == list(WRITTEN.values())
    assert [(e["row"], e["column"], e["value"]) for e in checked.errors] == [
        (len(rows), "与户主关系", "邻居")
    ]


def test_it_reads_the_id_types_ledgers_write() -> None:
    """The permits' own names (港澳居民居住证, 台湾居民居住证) and the ways a resident ID card is written."""
    rows = [
        ["楼栋", "房号", "姓名", "证件类型", "证件号码"],
        ["1号楼", "101", "甲", "二代身份证", ID_A],
        ["1号楼", "101", "乙", "港澳居民居住证", "810000199001011230"],
        ["1号楼", "102", "丙", "外国人永久居留身份证", "USA110090010101"],
        ["1号楼", "102", "丁", "外国护照", "E12345678"],
    ]
    checked = Checked()
    clean = list(check_rows(rows, set(), checked))
    assert checked.errors == []
    assert [r.id_type for r in clean] == [
        IdType.RESIDENT_ID,
        IdType.HMT_PERMIT,
        IdType.OTHER,
        IdType.PASSPORT,
    ]


def test_it_reads_a_bare_residence_permit_by_its_number() -> None:
    """居住证 alone is a Hong Kong/Macao/Taiwan permit when its number says so (81/82/83), and otherwise
    the mainland permit of someone living away from home, which carries their resident ID number."""
    rows = [
        ["楼栋", "房号", "姓名", "证件类型", "证件号码", "居住类型"],
        ["1号楼", "101", "甲", "居住证", "810000199001011230", "暂住"],
        ["1号楼", "102", "乙", "居住证", ID_A, "流动"],
        ["1号楼", "103", "丙", "港澳居民居住证", ID_A[:-1] + "X", "暂住"],
    ]
    checked = Checked()
    clean = list(check_rows(rows, set(), checked))
    assert [(r.name, r.id_type) for r in clean] == [("甲", IdType.HMT_PERMIT), ("乙", IdType.RESIDENT_ID)]
    assert [(e["row"], e["column"]) for e in checked.errors] == [(4, "证件号码")]
