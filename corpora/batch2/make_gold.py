"""Build the *.gold.jsonl files of the held-out set in this folder.

Each gold entry is written here by hand as (text, speaker, speaker_en, kind, cue[, occurrence]).
Offsets are never typed: `text` is located in the article with str.find, and the script refuses
to run if a span is missing, or occurs more than once and no occurrence index is given.
Same conventions as corpora/README.md (see batch2/README.md).

Run:  python3 corpora/batch2/make_gold.py   (then python3 corpora/batch2/check_gold.py)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools  # noqa: E402

D, P, I = "direct", "partial", "indirect"

# --- Jordan / Israel water deal (ar; Amman daily, «…», Western digits) ----------------------
MWI_AR, MWI_EN = "وزارة المياه والري الأردنية", "Jordanian Ministry of Water and Irrigation"
KHAS_AR, KHAS_EN = "سامي الخصاونة", "Sami al-Khasawneh"
IWA_AR, IWA_EN = "مسؤول في سلطة المياه الإسرائيلية", "Israeli Water Authority official"
JORDAN_AR = [
    ("المملكة اتفقت مع إسرائيل على شراء 50 مليون متر مكعب إضافية من المياه خلال العام الحالي، لتخفيف حدة العجز الذي تعانيه البلاد في أشهر الصيف", MWI_AR, MWI_EN, I, "أعلنت"),
    ("هذه الكميات ستُضخ عبر قناة الملك عبدالله ابتداء من الشهر المقبل، وستذهب بالدرجة الأولى إلى مياه الشرب في عمّان والزرقاء", KHAS_AR, KHAS_EN, D, "قال"),
    ("سعر المتر المكعب الواحد لن يتجاوز 40 قرشا", KHAS_AR, KHAS_EN, I, "أضاف"),
    ("أقل بكثير من كلفة ضخ المياه من حوض الديسي", KHAS_AR, KHAS_EN, P, "أشار"),
    ("يبلغ العجز المائي السنوي في المملكة نحو 500 مليون متر مكعب", MWI_AR, MWI_EN, I, "وفقا لـ"),
    ("الكمية المتفق عليها لا تتجاوز 40 مليون متر مكعب", IWA_AR, IWA_EN, I, "نقلت"),
    ("لم يُستكمل بعد من الناحية الفنية", IWA_AR, IWA_EN, P, "نقلت"),
    ("يكون هناك خلاف بين الجانبين على الأرقام", "مسؤول أردني", "unnamed Jordanian official", I, "نفى"),
    ("يعود إلى كميات من الشتاء الماضي لم تُسلَّم بعد", "مسؤول أردني", "unnamed Jordanian official", P, "أوضح"),
    ("رهن الأمن المائي للأردنيين بيد الاحتلال", "خالد العبادي", "Khaled al-Abadi", P, "اتهم"),
    ("كل متر مكعب نشتريه من إسرائيل ورقة ضغط إضافية في يدها", "خالد العبادي", "Khaled al-Abadi", D, "قال"),
    ("البديل موجود، وهو مشروع الناقل الوطني لتحلية مياه العقبة، لكن الحكومة تماطل في تنفيذه", "خالد العبادي", "Khaled al-Abadi", D, "أضاف"),
    ("تكون الحكومة قد تخلت عن مشروع الناقل الوطني", KHAS_AR, KHAS_EN, I, "رفض"),
    ("تسير وفق الجدول الزمني المقرر", KHAS_AR, KHAS_EN, P, "أكد"),
    ("تبدأ أعمال البناء في الربع الأول من العام المقبل", KHAS_AR, KHAS_EN, I, "توقع"),
    ("مخزون السدود لا يتجاوز حاليا 30 في المئة من سعتها الإجمالية", KHAS_AR, KHAS_EN, I, "أقرّ"),
    ("الأسوأ منذ عقود", KHAS_AR, KHAS_EN, P, "وصف"),
    ("حصص مياه الري خُفّضت هذا الصيف إلى النصف مقارنة بالعام الماضي", "عدنان الرواشدة", "Adnan al-Rawashdeh", I, "ذكر"),
    ("أي مياه إضافية يجب أن يكون للزراعة نصيب منها، وإلا فإن آلاف الأسر ستخسر مصدر رزقها", "عدنان الرواشدة", "Adnan al-Rawashdeh", D, "نوّه"),
]

# --- Sudan unilateral ceasefire (ar; Gulf/Sudanese site, curly “…”, Arabic-Indic digits) -----
TAY_AR, TAY_EN = "عمر الطيب", "Omar al-Tayeb"
ABS_AR, ABS_EN = "الطاهر أبو شامة", "al-Taher Abu Shama"
OSM_AR, OSM_EN = "مجدي عثمان", "Magdi Osman"
SUDAN_AR = [
    ("قواته ستلتزم وقفا لإطلاق النار من جانب واحد لمدة ٧٢ ساعة في مدينة الفاشر ومحيطها، اعتبارا من منتصف الليل", "الجيش السوداني", "Sudanese army", I, "أعلن"),
    ("هذه الهدنة تهدف إلى إتاحة المجال أمام إيصال المساعدات الإنسانية إلى المدنيين المحاصرين، وقواتنا ستحتفظ بحق الرد على أي اعتداء", TAY_AR, TAY_EN, D, "قال"),
    ("القيادة العامة أبلغت الأمم المتحدة والوسطاء بقرار الهدنة قبل إعلانه", TAY_AR, TAY_EN, I, "أضاف"),
    ("الكرة الآن في ملعب الطرف الآخر", TAY_AR, TAY_EN, D, "تابع"),
    ("تكون قد تلقت أي إخطار رسمي بالهدنة", "قوات الدعم السريع", "Rapid Support Forces", I, "نفت"),
    ("مناورة إعلامية لا أكثر", ABS_AR, ABS_EN, P, "قال"),
    ("طائراته قصفت أحياء في شمال الفاشر بعد ساعات من بدء سريان الهدنة المعلنة", ABS_AR, ABS_EN, I, "اتهم"),
    ("من يريد السلام لا يقصف المدنيين", ABS_AR, ABS_EN, D, "أضاف"),
    ("قوات الدعم السريع هي التي بادرت بالهجوم على مواقع الجيش جنوب المدينة فجر الاثنين", TAY_AR, TAY_EN, I, "ادّعى"),
    ("تعامل معها في إطار الدفاع عن النفس", TAY_AR, TAY_EN, P, "ادّعى"),
    ("قُتل ما لا يقل عن ١٢ مدنيا وأصيب أكثر من ٣٠ آخرين في القصف المتبادل يوم الاثنين", "غرفة طوارئ الفاشر", "El Fasher Emergency Room", I, "بحسب"),
    ("قافلة من ١٥ شاحنة تحمل أغذية وأدوية تنتظر في مدينة مليط إذن العبور إلى الفاشر", "مصدر عسكري", "Sudanese military source", I, "نقلا عن"),
    ("لا تكفي لإيصال ما يحتاجه أكثر من مليون شخص محاصر", "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية", "UN OCHA", P, "حذّر"),
    ("تصمد الهدنة أكثر من أيام قليلة", OSM_AR, OSM_EN, I, "استبعد"),
    ("الطرفين يستخدمان الهدن لإعادة التموضع لا لحماية المدنيين", OSM_AR, OSM_EN, D, "اعتبر"),
    ("ما لم تكن هناك آلية رقابة دولية على الأرض، فإن كل هدنة ستولد ميتة. جرّبنا ذلك في جدة، وجرّبناه في رمضان", OSM_AR, OSM_EN, D, "أضاف"),
]

# --- Morocco wheat imports (ar; Moroccan news site, straight "…", Western digits) ------------
MAM_AR, MAM_EN = "وزارة الفلاحة المغربية", "Moroccan Agriculture Ministry"
FIL_AR, FIL_EN = "عبد الكريم الفيلالي", "Abdelkarim El Filali"
AIT_AR, AIT_EN = "الحسن أيت باها", "Lahcen Ait Baha"
SRC_AR, SRC_EN = "مصدر بوزارة الفلاحة", "Moroccan Agriculture Ministry source"
BEN_AR, BEN_EN = "يوسف بنشقرون", "Youssef Benchekroun"
MOROCCO_AR = [
    ("واردات المملكة من القمح اللين بلغت 2.1 مليون طن خلال الأشهر الخمسة الأولى من العام الجاري", MAM_AR, MAM_EN, I, "قالت"),
    ("يغطي حاجيات السوق لأكثر من أربعة أشهر", MAM_AR, MAM_EN, P, "أكد"),
    ("الحكومة اتخذت كل الإجراءات لضمان تموين منتظم للسوق، ولا داعي للقلق", FIL_AR, FIL_EN, D, "قال"),
    ("محصول الموسم الحالي من الحبوب قُدّر بنحو 3.4 مليون طن", FIL_AR, FIL_EN, I, "أضاف"),
    ("إنه رقم متواضع، لكنه أفضل بكثير من الموسم الماضي", FIL_AR, FIL_EN, D, "تابع"),
    ("الرقم الحقيقي للمحصول لا يتجاوز 2.6 مليون طن، والوزارة تعرف ذلك جيدا", AIT_AR, AIT_EN, D, "قال"),
    ("أرقام تجميلية", AIT_AR, AIT_EN, P, "اتهم"),
    ("واردات القمح ستتجاوز 5.5 مليون طن بنهاية السنة", AIT_AR, AIT_EN, I, "أشار"),
    ("لم يحصدوا شيئا تقريبا", AIT_AR, AIT_EN, P, "أكد"),
    ("تكون أرقام المحصول قد خضعت لأي تعديل لاعتبارات سياسية", SRC_AR, SRC_EN, I, "نفى"),
    ("وفق منهجية علمية تعتمد على صور الأقمار الصناعية والمعاينة الميدانية", SRC_AR, SRC_EN, P, "ذكر"),
    ("ارتفعت أسعار القمح المستورد بنسبة 18 في المئة منذ بداية السنة", "المكتب الوطني المهني للحبوب والقطاني", "ONICL", I, "وفقا لـ"),
    ("يعكس غياب إحصاءات مستقلة يمكن الوثوق بها", BEN_AR, BEN_EN, P, "يرى"),
    ("يجعل الاعتماد على الخارج قدرا لا خيارا", BEN_AR, BEN_EN, P, "نبّه"),
    ("المغرب سيحتاج إلى توسيع المساحات المسقية بمياه البحر المحلاة إذا أراد تقليص فاتورة الاستيراد", BEN_AR, BEN_EN, I, "بحسب"),
    ("مكلف لكنه لم يعد ترفا", BEN_AR, BEN_EN, P, "وصف"),
]

# --- Tunisia runoff turnout (en; US wire, straight "…", American punctuation) -------------------
ISIE = "Tunisian electoral commission"
CAD = "Civic Alliance for Democracy"
TUNISIA_EN = [
    ("11.4% voted in runoff", ISIE, ISIE, I, "says"),
    ("figure is inflated", CAD, CAD, I, "says"),
    ("Turnout in the second round of Tunisia's parliamentary elections was 11.4%", ISIE, ISIE, I, "said"),
    ("1,015,000 of the nearly 8.9 million registered voters had cast ballots", "Sami Ben Ammar", "Sami Ben Ammar", I, "told"),
    ("was carried out under the eyes of observers in every polling station", "Sami Ben Ammar", "Sami Ben Ammar", P, "stressed"),
    ("These are the real numbers, and they are final. Anyone who has evidence of fraud can take it to the courts", "Sami Ben Ammar", "Sami Ben Ammar", D, "said"),
    ("no more than 7 or 8% in most districts", CAD, CAD, P, "said"),
    ("The commission is not counting votes, it is manufacturing a turnout", "Leila Gharbi", "Leila Gharbi", D, "said"),
    ("Tunisians stayed home, and that is the only result that matters", "Leila Gharbi", "Leila Gharbi", D, "said"),
    ("acting as a branch of the presidency", "Leila Gharbi", "Leila Gharbi", P, "accused"),
    ("the commission had posted detailed results for all 161 constituencies on its website within 24 hours of the polls closing", "Sami Ben Ammar", "Sami Ben Ammar", I, "argued"),
    ("irregularities were reported at 37 polling stations, most of them involving campaigning near voting centers", "Tunisian Observatory for Elections", "Tunisian Observatory for Elections", I, "according to"),
    ("its monitors had found no evidence of large-scale ballot stuffing", "Karim Mejri", "Karim Mejri", I, "acknowledged"),
    ("raises serious questions about the legitimacy of the new parliament", "Karim Mejri", "Karim Mejri", P, "noted"),
    ("A parliament elected by one voter in nine will struggle to speak for the country", "Karim Mejri", "Karim Mejri", D, "said"),
    ("many voters had stayed away", "Ahmed Chaabouni", "Ahmed Chaabouni", I, "conceded"),
    ("participation would rise in municipal elections later this year", "Ahmed Chaabouni", "Ahmed Chaabouni", I, "predicted"),
    ("People are tired of the parties. They gave them ten years and got nothing in return", "Ahmed Chaabouni", "Ahmed Chaabouni", D, "said"),
    ("the opposition's boycott call, not public apathy, explained most of the empty polling stations", "Ahmed Chaabouni", "Ahmed Chaabouni", I, "suggested"),
]

# --- Saudi-Iranian talks in Baghdad (en; Washington daily, curly “…” and ’) ---------------------
IFM = "Iraqi foreign ministry"
SAO = "Saudi official familiar with the talks"
SAUDI_IRAN_EN = [
    ("Saudi and Iranian officials hold new round of talks in Baghdad", IFM, IFM, I, "says"),
    ("Saudi and Iranian security officials met in Baghdad on Wednesday for a sixth round of talks aimed at restoring diplomatic ties", IFM, IFM, I, "said"),
    ("positive and serious", IFM, IFM, P, "described"),
    ("the two sides had agreed in principle to reopen their embassies", "Reza Hosseini", "Reza Hosseini", I, "told"),
    ("within weeks, not months", "Reza Hosseini", "Reza Hosseini", P, "predicted"),
    ("We have never been closer to an agreement", "Reza Hosseini", "Reza Hosseini", D, "said"),
    ("The remaining issues are not political; they are practical", "Reza Hosseini", "Reza Hosseini", D, "said"),
    ("no date had been set for reopening the embassies", SAO, "Saudi official", I, "said"),
    ("concrete guarantees", SAO, "Saudi official", P, "said"),
    ("Words are easy. We want to see actions on the ground", SAO, "Saudi official", D, "said"),
    ("facilitator, not a party", "Haider al-Obeidi", "Haider al-Obeidi", P, "stressed"),
    ("the next round could be held at the level of foreign ministers", "Haider al-Obeidi", "Haider al-Obeidi", I, "said"),
    ("the two delegations also discussed resuming direct flights and increasing the quota of Iranian pilgrims allowed to perform the hajj in Mecca", "Gulf Monitor", "Gulf Monitor", I, "according to"),
    ("economic pressures were pushing both governments toward a deal", "Dina Farouk", "Dina Farouk", I, "argued"),
    ("Riyadh wants calm so it can focus on its development plans", "Dina Farouk", "Dina Farouk", D, "said"),
    ("and Tehran needs any relief it can get from sanctions", "Dina Farouk", "Dina Farouk", D, "said"),
    ("a lot of goodwill and very little paper", "Majid Rostami", "Majid Rostami", P, "noted"),
    ("hard-liners in Tehran could still derail the process if they saw it as a concession", "Majid Rostami", "Majid Rostami", I, "warned"),
]

# --- Libyan oil ports reopen (en; British broadsheet, single curly ‘…’, British punctuation) -----
NOC = "National Oil Corporation"
ZAR = "Omar al-Zarrouk"
OCM = "Oil Crescent Popular Movement"
LIBYA_EN = [
    ("Libya’s oil output back above 1.2m barrels a day", NOC, NOC, I, "says"),
    ("Libya’s oil production has recovered to more than 1.2m barrels a day after protesters lifted a six-week blockade of eastern export terminals", NOC, NOC, I, "said"),
    ("exports had resumed from Es Sider and Ras Lanuf", NOC, NOC, I, "said"),
    ("a tanker had begun loading at Zueitina late on Wednesday", NOC, NOC, I, "said"),
    ("The shutdown cost Libya more than $3bn in lost revenue", ZAR, ZAR, D, "told"),
    ("We cannot afford to see our oil used as a bargaining chip again", ZAR, ZAR, D, "told"),
    ("output at the Sharara field in the south-west remained below capacity because of damaged pipelines", ZAR, ZAR, I, "conceded"),
    ("national production would reach 1.3m barrels a day by the end of the summer", ZAR, ZAR, I, "predicted"),
    ("it had reached an agreement with representatives of the protesters to end the shutdown", NOC, NOC, I, "announced"),
    ("they had suspended — not ended — their protest", OCM, OCM, I, "said"),
    ("Nothing has been signed. We opened the valves as a gesture of goodwill, and we can close them just as easily", "Mabrouk al-Hasi", "Mabrouk al-Hasi", D, "said"),
    ("squandering the wealth of the east", "Mabrouk al-Hasi", "Mabrouk al-Hasi", P, "accused"),
    ("the agreement announced by the NOC, under which a share of oil revenue would go into a development fund for the region, had never been discussed with the movement", "Mabrouk al-Hasi", "Mabrouk al-Hasi", I, "insisted"),
    ("oil sales account for more than 90 per cent of state revenue", "Central Bank of Libya", "Central Bank of Libya", I, "according to"),
    ("Every faction in Libya has learnt that the quickest way to get Tripoli’s attention is to shut a valve", "Claudia Reyes", "Claudia Reyes", D, "said"),
    ("these blockades will keep coming back, year after year", "Claudia Reyes", "Claudia Reyes", D, "argued"),
    ("the real negotiation was taking place between rival military commanders in the east and west, not with the oil company", "Claudia Reyes", "Claudia Reyes", I, "suggested"),
    ("several European buyers had already switched to other suppliers during the blockade and might be slow to return", "Western diplomat", "Western diplomat", I, "noted"),
]

TEXT_FILES = {
    "jordan-water-deal-ar.txt": JORDAN_AR,
    "sudan-ceasefire-ar.txt": SUDAN_AR,
    "morocco-wheat-imports-ar.txt": MOROCCO_AR,
    "tunisia-turnout-en.txt": TUNISIA_EN,
    "saudi-iran-talks-en.txt": SAUDI_IRAN_EN,
    "libya-oil-ports-en.txt": LIBYA_EN,
}


def main():
    goldtools.build(HERE, TEXT_FILES, total_label="total held-out gold statements:")


if __name__ == "__main__":
    main()
