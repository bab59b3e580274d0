"""The acknowledgement mail to an online applicant who gave an e-mail address: sent on the task
queue, retried by the queue when the mail server fails (Q_CLUSTER retry, max_attempts), and every
failure kept on the application, where 政务公开 staff see it (its edit screen, 网站自查) — never
lost silently. Sent once: a retry after success sends nothing."""

import logging

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from home.templatetags.fjld import cn_date

log = logging.getLogger(__name__)


@task()
def send_acknowledgement(application_id: int) -> None:
    from .models import InformationRequest

    application = (
        InformationRequest.objects.select_related("publishing_unit").filter(pk=application_id).first()
    )
    if application is None or application.acknowledged_at or not application.email:
        return
    body = (
        f"您向{application.publishing_unit.name}提出的政府信息公开申请已收到。\n\n"
        f"受理编号：{application.number}\n收到申请日期：{cn_date(application.received_on)}\n"
        f"答复期限：{cn_date(application.due_on) if application.due_on else '待补正后计算'}（20个工作日，节假日不计）\n\n"
        "查询办理进度时请输入受理编号和您填写的联系电话的后四位。此邮件由系统自动发送，请勿回复。\n"
    )
    try:
        send_mail(f"【依申请公开】申请已收到：{application.number}", body, None, [application.email])
    except Exception as error:  # the mail server's failure, whatever its kind: kept, then retried
        message = f"{timezone.localtime():%Y-%m-%d %H:%M} {str(error).splitlines()[0][:200] if str(error) else type(error).__name__}"
        InformationRequest.objects.filter(pk=application.pk).update(acknowledgement_error=message)
        log.warning("依申请公开 %s 的回执邮件发送失败：%s", application.number, message)
        raise  # the queue tries again (Q_CLUSTER retry, max_attempts)
    InformationRequest.objects.filter(pk=application.pk).update(
        acknowledged_at=timezone.now(), acknowledgement_error=""
    )
