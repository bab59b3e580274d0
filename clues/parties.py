"""当事人 on a 行政处罚决定: an organisation's name is public record; a natural person's is masked on
entry (home/security/privacy.py's anonymise_name: 张三 → 张某, 欧阳明 → 欧阳某)."""

import re

from home.security.privacy import anonymise_name

# What only an organisation's name ends with (or contains): 公司, 厂, 合作社, 个体户's 字号 (…店, …行).
ORGANISATION = re.compile(
    r"(公司|厂|店|行|社|部|中心|合作社|商贸|超市|酒店|宾馆|餐厅|饭店|诊所|医院|药房|学校|幼儿园|协会|农场|牧场|"
    r"养殖场|加工坊|作坊|工作室|经营部|门市|站|局|院|所|会|队|组|村委会|委员会)"
)
# A person's name: 2 to 4 Chinese characters (a compound surname and a two-character given name).
PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def mask_party(party: str) -> str:
    party = (party or "").strip()
    if not party or ORGANISATION.search(party) or "某" in party:
        return party  # an organisation, or already masked
    if PERSON.match(party):
        return anonymise_name(party)
    return party
