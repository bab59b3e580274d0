"""Who sees what in 民生诉求研判: the procuratorate and the joint-meeting office everything (the
工单, the 研判, turning a 工单 or an alert into a clue); the 政务服务中心's liaison imports and sees
the month-end feedback; nobody else anything."""

ANALYSE = "hotline.analyse_hotline"
EXCHANGE = "hotline.exchange_hotline"


def analyses_hotline(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(ANALYSE))


def exchanges_hotline(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(EXCHANGE))


def imports_hotline(user) -> bool:
    return analyses_hotline(user) or exchanges_hotline(user)
