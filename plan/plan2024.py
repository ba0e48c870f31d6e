"""The bureau's 2024 plan (应急“365”工程) as data, and the defaults of its local mechanisms.

Source: 苍南县应急管理局《2024年县应急管理系统工作要点》 (published 2024-03-12). The data migration
loads it; the bureau edits it afterwards in the admin. Only plain data lives here.
"""

PLAN = {
    "year": 2024,
    "title": "应急“365”工程:锚定3大重点,实施6大行动,完善5大机制",
    "issued_by": "苍南县应急管理局",
    "issued_on": "2024-03-12",
    "summary": "统筹发展和安全,坚持固本强基、提能升级,健全安全生产“一三四六”体系。",
}

# (code, name, owner app, description)
FOCUSES = [
    ("F1", "事故防控", "", "生产安全事故“双下降”,不发生较大及以上事故;自然灾害“不死人、少伤人、少损失”。"),
    ("F2", "基层基础", "stations", "乡镇应急消防管理站建成率100%,基层监管力量从有形覆盖到有效覆盖。"),
    ("F3", "群防群治", "governance", "推广安全生产社会化服务体系、行业自律共治体系。"),
]
ACTIONS = [
    ("A1", "安全生产治本攻坚", "hazards3030", "源头治理、排险除患、科技攻坚、工程治理、管理提质。"),
    ("A2", "防汛防台能力提升", "flood1833", "迭代“1833”联合指挥体系,人员转移全流程闭环管理。"),
    ("A3", "基层应急消防体系建设", "stations", "像建派出所一样建好基层应急消防管理站。"),
    ("A4", "应急队伍重塑提升", "stations", "救援队伍编组和三级测评,跨区域应急联动。"),
    ("A5", "全民安全素养提升", "campaigns", "安全宣传“五进”,警示教育视频和宣传活动。"),
    ("A6", "森林防灭火规范化建设提升", "forestfire", "18个涉林乡镇规范化建设,卫星热点1小时核查。"),
]
MECHANISMS = [
    ("M1", "“3030”事故隐患闭环整治", "hazards3030", "30天内排查整治30个重大隐患,综合评价月排名、区域挂牌。"),
    ("M2", "“633”基层防汛防台", "flood1833", "6个台风响应阶段,乡级、村级、群众3级分别采取3项防御措施。"),
    ("M3", "“1+9+N”统筹推进", "governance", "1个安委会+9大专委会+N个重点领域。"),
    ("M4", "党建引领·多元共治", "governance", "安全生产互助联盟、行业自律共治。"),
    ("M5", "增值化服务保障", "governance", "社会化服务机构半年度考核、年终考评定级、黑名单与退出。"),
]

# (code, part, plan wording, kind, threshold, threshold_2, unit, goal, owner app)
TARGETS = [
    (
        "F1.accidents",
        "F1",
        "生产安全事故起数、死亡人数“双下降”",
        "yoy_decrease",
        None,
        None,
        "起/人",
        "起数和死亡人数均同比下降",
        "hazards3030",
    ),
    (
        "F1.major",
        "F1",
        "不发生较大及以上生产安全事故",
        "count_at_most",
        0,
        None,
        "起",
        "较大及以上事故0起",
        "hazards3030",
    ),
    (
        "F1.disaster",
        "F1",
        "自然灾害“不死人、少伤人、少损失”",
        "count_at_most",
        0,
        None,
        "人",
        "因灾死亡0人,受伤和损失同比下降",
        "flood1833",
    ),
    ("F2.stations", "F2", "乡镇应急消防管理站建成率100%", "ratio_at_least", 100, None, "%", "建成率≥100%", "stations"),
    ("A1.coverage", "A1", "检查对象纳管率达95%以上", "ratio_at_least", 95, None, "%", "纳管率≥95%", "hazards3030"),
    (
        "A1.equipment",
        "A1",
        "完成一轮高危行业领域老旧设备装置评定",
        "ratio_at_least",
        100,
        None,
        "%",
        "评定完成率100%",
        "hazards3030",
    ),
    (
        "A1.spotcheck",
        "A1",
        "开展不少于30%的事故调查报告抽查复核",
        "ratio_at_least",
        30,
        None,
        "%",
        "抽查复核率≥30%",
        "hazards3030",
    ),
    (
        "A1.chemicals",
        "A1",
        "全面掌握危险化学品使用企业名单",
        "ratio_at_least",
        100,
        None,
        "%",
        "名单掌握率100%",
        "hazards3030",
    ),
    (
        "A2.report",
        "A2",
        "重大以上事件半小时口头报告、1小时系统首报",
        "sla_within",
        30,
        60,
        "分钟",
        "口头报告≤30分钟,系统首报≤60分钟",
        "flood1833",
    ),
    ("A2.transfer", "A2", "被转移人员应转尽转", "ratio_at_least", 100, None, "%", "应转尽转率100%", "flood1833"),
    (
        "A3.grid",
        "A3",
        "村(社)网格协同开展安全生产、消防安全、防灾减灾救灾等工作覆盖率100%",
        "ratio_at_least",
        100,
        None,
        "%",
        "网格协同覆盖率100%",
        "stations",
    ),
    (
        "A3.accredited",
        "A3",
        "乡镇应急消防管理站建设达标率不低于85%",
        "ratio_at_least",
        85,
        None,
        "%",
        "达标率≥85%",
        "stations",
    ),
    (
        "A3.circles",
        "A3",
        "全面建成城镇“135应急救援圈”和乡村“15分钟救援圈”",
        "ratio_at_least",
        100,
        None,
        "%",
        "救援圈覆盖率100%",
        "stations",
    ),
    ("A3.entrusted", "A3", "提高乡镇委托执法比例", "increase", None, None, "%", "委托执法比例高于上年", "stations"),
    (
        "A4.social_teams",
        "A4",
        "完成7支县级社会救援队伍三级测评工作",
        "count_at_least",
        7,
        None,
        "支",
        "完成测评≥7支",
        "stations",
    ),
    (
        "A4.linkage",
        "A4",
        "推动苍南和福鼎签订《跨区域应急联动合作协议》",
        "done",
        None,
        None,
        "",
        "协议签订",
        "stations",
    ),
    ("A5.places", "A5", "公共场所安全宣传覆盖率不低于70%", "ratio_at_least", 70, None, "%", "覆盖率≥70%", "campaigns"),
    (
        "A5.videos",
        "A5",
        "全县拍摄制作不少于10部安全生产警示教育视频",
        "count_at_least",
        10,
        None,
        "部",
        "≥10部",
        "campaigns",
    ),
    (
        "A5.activities",
        "A5",
        "全年组织不少于100场应急实战演练、情景式知识抢答、技能竞赛等活动",
        "count_at_least",
        100,
        None,
        "场",
        "≥100场",
        "campaigns",
    ),
    (
        "A5.five_into",
        "A5",
        "安全宣传进企业、进农村、进社区、进学校、进家庭“五进”全覆盖",
        "ratio_at_least",
        100,
        None,
        "%",
        "每个乡镇五类均有活动",
        "campaigns",
    ),
    (
        "A6.townships",
        "A6",
        "18个涉林乡镇完成规范化建设任务",
        "count_at_least",
        18,
        None,
        "个",
        "完成≥18个",
        "forestfire",
    ),
    (
        "A6.teams",
        "A6",
        "建强3支县级森林扑火队伍,推动18支乡镇及涉林村森林防灭火队伍建设",
        "count_at_least",
        3,
        18,
        "支",
        "县级≥3支,乡镇及涉林村≥18支",
        "forestfire",
    ),
    (
        "A6.hotspot",
        "A6",
        "卫星监测热点1小时核查反馈",
        "sla_within",
        60,
        100,
        "分钟",
        "100%在60分钟内核查反馈",
        "forestfire",
    ),
    ("A6.circle", "A6", "构建林火“一小时扑救圈”", "sla_within", 60, None, "分钟", "林火60分钟内到场扑救", "forestfire"),
    (
        "M1.loop3030",
        "M1",
        "30天内排查整治30个重大隐患",
        "batch",
        30,
        30,
        "个",
        "每个单位30天内整治30个重大隐患",
        "hazards3030",
    ),
    (
        "M1.ranking",
        "M1",
        "坚持实施综合评价月排名,完善区域挂牌机制",
        "ranking",
        None,
        None,
        "",
        "每月发布排名,末位区域挂牌",
        "plan",
    ),
    (
        "M2.matrix",
        "M2",
        "全面落实6个台风响应阶段,乡级、村级、群众3级分别采取3项防御措施",
        "ratio_at_least",
        100,
        None,
        "%",
        "防御措施落实率100%",
        "flood1833",
    ),
    (
        "M5.agencies",
        "M5",
        "社会化服务机构实行半年度考核、年终考评定级,执行“黑名单”和退出机制",
        "ratio_at_least",
        100,
        None,
        "%",
        "机构考核覆盖率100%",
        "governance",
    ),
]

# --- Defaults of the local mechanisms (labelled defaults; the bureau edits them) ----------

LOOP_3030 = [("county", 30, 30), ("township", 30, 30), ("department", 30, 30)]

RESPONSE_STAGES = [
    (1, "关注", "台风可能影响,进入关注状态", False),
    (2, "IV级", "防汛防台IV级应急响应", False),
    (3, "III级", "防汛防台III级应急响应", False),
    (4, "II级", "防汛防台II级应急响应", False),
    (5, "I级", "防汛防台I级应急响应", False),
    (6, "解除", "应急响应解除,灾后恢复", True),
]
RESPONSE_LEVELS = [(1, "乡级"), (2, "村级"), (3, "群众")]

# stage order -> level order -> three measures
STAGE_MEASURES = {
    1: {
        1: ["关注台风动态并传达预警信息", "检查值班值守和应急物资", "排查危险区域并更新转移名单"],
        2: ["落实村级值班并保持通讯畅通", "巡查地灾点、山洪点、危房等风险点", "核对本村需转移人员名单"],
        3: ["关注天气预报和预警信息", "检查加固门窗和屋顶", "备好食物、饮水和应急用品"],
    },
    2: {
        1: ["启动乡镇IV级应急响应", "组织巡查危险区域并落实责任人", "督促渔船回港、海上作业人员上岸"],
        2: ["通知危险区域人员做好转移准备", "加密巡查风险点", "清理沟渠、疏通排水"],
        3: ["不去海边、河边等危险地带", "收回室外易被风吹动的物品", "做好随时转移的准备"],
    },
    3: {
        1: ["实行领导带班值守", "组织危险区域人员转移", "开放避灾安置场所并落实管理人员"],
        2: ["逐户通知并组织危险区人员转移", "停止户外施工和集体活动", "看守危险路段和桥梁"],
        3: ["按通知转移到安置场所或投亲靠友", "非必要不外出", "遇险及时报告村干部"],
    },
    4: {
        1: ["乡镇主要领导坐镇指挥", "逐一核对转移人员去向", "预置抢险救援队伍和物资"],
        2: ["落实应转尽转并逐人确认", "封控危险区域防止人员回流", "安排专人值守安置场所"],
        3: ["服从转移安排、不擅自返回", "在安置场所服从管理", "照顾老人、儿童和行动不便的邻居"],
    },
    5: {
        1: ["全员到岗24小时值守", "组织抢险救援并及时报送灾情", "保障安置群众生活所需"],
        2: ["实时上报人员情况", "发现险情立即处置并报告", "协助救援力量开展抢险"],
        3: ["留在安全场所不外出", "保持电话畅通", "听从指挥配合救援"],
    },
    6: {
        1: ["发布响应解除并组织灾后核查", "安全检查后有序安排群众返回", "统计灾情损失并恢复生产"],
        2: ["检查房屋和道路安全后通知返回", "排查次生灾害隐患", "上报返回人员和受损情况"],
        3: ["接到通知后再返回家中", "检查房屋、电路和燃气安全", "发现险情及时报告"],
    },
}

COMMAND_GROUPS = ["综合协调", "监测预警", "人员转移", "联合救援", "联合保障"]

RESCUE_CIRCLES = [("town", 1, 3, 5), ("village", None, 15, None)]

SERVICE_LEVELS = [
    ("hotspot_verify", "卫星监测热点核查反馈", 60),
    ("verbal_report", "重大以上事件口头报告", 30),
    ("system_report", "重大以上事件系统首报", 60),
]

# Default 综合评价 schemes on the 3030 indicators: (indicator, weight, higher is better, scaling).
RANKING_SCHEMES = [
    ("乡镇综合评价(默认)", "township"),
    ("部门综合评价(默认)", "department"),
]
RANKING_COMPONENTS = [
    ("hazards.found", "0.20", True, "minmax"),
    ("hazards.closed_on_time", "0.30", True, "percent"),
    ("hazards.overdue", "0.20", False, "minmax"),
    ("hazards.major_closure", "0.30", True, "percent"),
]
