"""A list of materials inside one paragraph (答：主要包括：（一）资金申请表；…（四）展位费合同、发票及参展
照片（申请展会补贴的）；…) counts the words of all its items (dev12 e048): 申请展会补贴需要交哪些材料
quotes it whole, not another document's list that opens with 申请."""

from __future__ import annotations

from corpus_util import corpus_fixture

TRADE = "\n".join([
    "澄原市稳外贸若干措施政策问答",
    "问：参加境外展会有什么补贴？",
    "答：企业参加重点境外展会的，按展位费的70%给予补贴，每个展会最高5万元。",
    "问：申请资金要提交哪些材料？",
    "答：主要包括：（一）资金申请表；（二）营业执照；（三）展位费合同、发票及参展照片（申请展会补贴的）；（四）保单及保费缴纳凭证（申请信保补助的）。",
])
HOMESTAY = "第十一条 申请人应当提交下列材料：（一）乡村民宿奖补申请表；（二）营业执照等证照复印件；（三）房屋权属证明或者租赁合同。"

CARE = "\n".join(["澄原市养老服务若干措施", "一、落实运营补贴。对正常运营满1年的养老机构给予运营补贴。", "附件：澄原市养老服务补贴申请表。"])

library = corpus_fixture("library", {"trade.txt": TRADE, "homestay.txt": "蓼原县乡村民宿扶持办法\n" + HOMESTAY, "care.txt": CARE},
                         None, None)


def test_a_list_of_materials_is_found_by_any_of_its_items(library):
    answer = library.ask("申请展会补贴需要交哪些材料？")
    assert "展位费合同" in answer.answer and "资金申请表" in answer.answer, answer.answer
