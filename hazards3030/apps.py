from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Hazards3030Config(AppConfig):
    name = "hazards3030"
    verbose_name = _("安全生产与“3030”闭环")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = [
        (_("隐患台账"), "hazards3030:hazards", "all"),
        (_("“3030”进度"), "hazards3030:overview3030", "all"),
        (_("检查对象"), "hazards3030:enterprises", "all"),
        (_("生产安全事故"), "hazards3030:accidents", "all"),
        (_("群众举报核实"), "hazards3030:tips", "all"),
        (_("内部报告奖励"), "hazards3030:rewards", "all"),
    ]
