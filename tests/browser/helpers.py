"""Steps the browser journeys share."""

PASSWORD = "演示密码-2026"


def log_in(page, live_server, username, password=PASSWORD, next_url="/admin/"):
    """Through Wagtail's login form, as a person would; lands on `next_url`."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{next_url}")
