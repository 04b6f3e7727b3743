"""Build the *.gold.jsonl files for the hand-written articles in this folder.

Each gold entry is written here by hand as (text, speaker, speaker_en, kind, cue[, occurrence]).
Offsets are never typed: this script finds `text` in the article with str.find and
refuses to run if a span is missing, or occurs more than once and no occurrence index is given.
The seed gold (iraq-combat-mission-ar.gold.jsonl) is a verbatim copy and is not rebuilt here.

Run:  python3 corpora/make_gold.py   (then python3 corpora/check_gold.py)
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
import goldtools  # noqa: E402

D, P, I = "direct", "partial", "indirect"

# --- English, Iraq story -------------------------------------------------------------------
BIDEN_EN = [
    ("US combat mission in Iraq will end by year's end", "Joe Biden", "Joe Biden", I, "says"),
    ("the United States would end its combat mission in Iraq by the end of the year and move to a new phase of training and advising the Iraqi military", "Joe Biden", "Joe Biden", I, "said"),
    ("We're not going to be, by the end of the year, in a combat mission", "Joe Biden", "Joe Biden", D, "told"),
    ("to continue to train, to assist, to help and to deal with ISIS as it arises", "Joe Biden", "Joe Biden", P, "said"),
    ("our cooperation against terrorism will continue even at this new phase we're talking about", "Joe Biden", "Joe Biden", D, "added"),
    ("stronger than ever", "Mustafa al-Kadhimi", "Mustafa al-Kadhimi", P, "said"),
    ("Iraqi forces were ready to defend the country without foreign combat troops", "Mustafa al-Kadhimi", "Mustafa al-Kadhimi", I, "said"),
    ("capable of combat operations", "Lloyd Austin", "Lloyd Austin", P, "said"),
    ("it was difficult to separate combat forces from support personnel and advisers", "Lloyd Austin", "Lloyd Austin", I, "said"),
    ("What matters is what we're asked to do", "Lloyd Austin", "Lloyd Austin", D, "said"),
    ("the talks would produce a timetable for the withdrawal of U.S. forces", "Fuad Hussein", "Fuad Hussein", I, "told"),
    ("the U.S. was not withdrawing troops but redefining their mission", "senior Biden administration official", "senior Biden administration official", I, "said"),
    ("The Iraqis don't need us to go out on patrols anymore", "senior Biden administration official", "senior Biden administration official", D, "said"),
    ("They need intelligence, they need air support, they need training", "senior Biden administration official", "senior Biden administration official", D, "said"),
    ("withdrawal of the occupying forces", "Coordination Committee of the Iraqi Resistance", "Coordination Committee of the Iraqi Resistance", P, "demanded"),
    ("cosmetic", "Ramzi Mardini", "Ramzi Mardini", P, "said"),
]

SOB = "senior Biden administration official"
BRIEFING_EN = [
    ("little will change", "Pentagon", "Pentagon", I, "says"),
    ("The United States will formally end its combat mission in Iraq by Dec. 31 but keep troops in the country to train and advise Iraqi forces", SOB, SOB, I, "told"),
    ("We’re talking about a transition to a new phase in the campaign, where we largely complete the combat mission against ISIS and shift to an advisory and training mission by the end of the year. There will be additional adjustments before 2021 is out", SOB, SOB, D, "said"),
    ("the shift had been requested by Baghdad and was not a reward for any political concession", SOB, SOB, I, "said"),
    ("Iraq has proposed, and we fully agree, that they need continued training, logistics support, intelligence and advisory capacity-building, and all of that will continue. Nobody should read this as the United States walking away.\n\n“We’re not going to put a number on it today. The force posture will be driven by the mission, and the mission will be driven by what the Iraqis ask of us", SOB, SOB, D, "described"),
    ("the change would have little practical effect on the daily work of American forces", "John Kirby", "John Kirby", I, "said"),
    ("They’ve been in an advise-and-assist role for some time now", "John Kirby", "John Kirby", D, "said"),
    ("and I don’t expect the numbers to change dramatically", "John Kirby", "John Kirby", D, "said"),
    ("American troops would not leave Iraq by the end of the year", "John Kirby", "John Kirby", I, "insisted"),
    ("the Pentagon had drawn up plans to cut troop numbers", "John Kirby", "John Kirby", I, "denied"),
    ("still poses a threat", "John Kirby", "John Kirby", P, "warned"),
    ("far more than security", "Ned Price", "Ned Price", P, "said"),
    ("Washington will provide Iraq with 500,000 doses of the Pfizer-BioNTech COVID-19 vaccine through the COVAX program", "Ned Price", "Ned Price", I, "according to"),
    ("It’s a relabeling exercise, nothing more", "Iraqi lawmaker from the Fatah alliance", "Fatah alliance lawmaker", D, "claimed"),
    ("attacks will continue as long as a single American soldier remains on Iraqi soil", "militia leaders", "Iraqi militia leaders", I, "warned"),
    ("is what we’re asked to do", "Lloyd Austin", "Lloyd Austin", P, "told"),
]

SIS = "senior Iraqi security official"
TROOPS_EN = [
    ("Iraq no longer needs foreign combat forces on its soil", "Mustafa al-Kadhimi", "Mustafa al-Kadhimi", D, "told"),
    ("Our forces are ready. What we need now is training, intelligence and air support", "Mustafa al-Kadhimi", "Mustafa al-Kadhimi", D, "told"),
    ("There are about 3,500 American soldiers in Iraq today, not the figure you hear in Washington", SIS, SIS, D, "said"),
    ("the number would fall below 2,000 by next summer", SIS, SIS, I, "said"),
    ("leave Iraq before the end of the year", SIS, SIS, P, "added"),
    ("the figure stands at 2,500 and has not changed since January", "Pentagon", "Pentagon", I, "according to"),
    ("a timetable for the withdrawal of US forces", "Fuad Hussein", "Fuad Hussein", P, "said"),
    ("nothing of the sort was agreed", "US officials", "US officials", I, "insist"),
    ("This is a redefinition of the mission, not a withdrawal", "US official", "unnamed US official", D, "said"),
    ("Nobody is packing up", "US official", "unnamed US official", D, "said"),
    ("a trick", "Kataib Hezbollah", "Kataib Hezbollah", P, "called"),
    ("will leave, whether by agreement or by force", "Kataib Hezbollah", "Kataib Hezbollah", P, "vowed"),
    ("unlikely that the number of US troops in Iraq will decrease significantly", "Hamdi Malik", "Hamdi Malik", P, "said"),
    ("Kadhimi needs a win before October’s election, and Washington has given him one on paper", "Hamdi Malik", "Hamdi Malik", D, "added"),
    ("On the ground, I don’t see much changing", "Hamdi Malik", "Hamdi Malik", D, "added"),
]

# --- Arabic, Iraq story --------------------------------------------------------------------
KADHIMI_AR = [
    ("المهمة القتالية للقوات الأميركية في العراق ستنتهي بحلول نهاية العام الجاري، على أن تتحول إلى مهمة تدريب واستشارة", "جو بايدن", "Joe Biden", I, "أعلن"),
    ("لن نكون، بحلول نهاية العام، في مهمة قتالية", "جو بايدن", "Joe Biden", D, "قال"),
    ("دور بلاده في العراق سيقتصر على التدريب والمساعدة والتصدي لتنظيم داعش متى ظهر", "جو بايدن", "Joe Biden", I, "أضاف"),
    ("تعاوننا في مكافحة الإرهاب سيستمر حتى في هذه المرحلة الجديدة التي نتحدث عنها", "جو بايدن", "Joe Biden", D, "تابع"),
    ("أقوى من أي وقت مضى", "مصطفى الكاظمي", "Mustafa al-Kadhimi", P, "وصف"),
    ("القوات العراقية قادرة على حماية البلاد من دون الحاجة إلى قوات قتالية أجنبية", "مصطفى الكاظمي", "Mustafa al-Kadhimi", I, "أكد"),
    ("العراق لم يعد بحاجة إلى قوات قتالية أجنبية على أرضه", "مصطفى الكاظمي", "Mustafa al-Kadhimi", D, "نقلت"),
    ("قواتنا جاهزة، وما نحتاجه اليوم هو التدريب وتبادل المعلومات الاستخبارية والدعم الجوي", "مصطفى الكاظمي", "Mustafa al-Kadhimi", D, "أضاف"),
    ("يبلغ عدد الجنود الأميركيين المنتشرين في العراق حاليا نحو ٢٥٠٠ جندي", "وزارة الدفاع الأميركية", "Pentagon", I, "بحسب"),
    ("قادرة على القيام بعمليات قتالية", "لويد أوستن", "Lloyd Austin", P, "صرّح"),
    ("من الصعب جدا التمييز بين الجنود المقاتلين وقوات الدعم والمستشارين", "لويد أوستن", "Lloyd Austin", I, "أضاف"),
    ("المقاومة لن تتوقف ما دام جندي أميركي واحد على أرض العراق", "كتائب حزب الله", "Kataib Hezbollah", D, "حذّرت"),
    ("شكلية", "رمزي مارديني", "Ramzi Mardini", P, "يتوقع"),
    ("عدد الجنود الأميركيين لن ينخفض بشكل كبير في ظل التوتر بين واشنطن وطهران", "حمدي مالك", "Hamdi Malik", D, "رأى"),
]

CC_AR = "الهيئة التنسيقية للمقاومة العراقية"
CC_EN = "Coordination Committee of the Iraqi Resistance"
TIMETABLE_AR = [
    ("جولة الحوار الاستراتيجي الرابعة ستُفضي إلى تحديد جدول زمني لانسحاب القوات الأميركية من العراق", "فؤاد حسين", "Fuad Hussein", I, "أكد"),
    ("نحن نتحدث عن انسحاب القوات القتالية، وسيكون هناك جدول زمني واضح لذلك", "فؤاد حسين", "Fuad Hussein", D, "قال"),
    ("القوات القتالية ستغادر العراق، أما المدربون والمستشارون فسيبقون وفق ما تحتاجه الحكومة العراقية", "فؤاد حسين", "Fuad Hussein", D, "أوضح"),
    ("الانسحاب سيكون في الحقيقة إعادة تحديد لمهام القوات الموجودة في العراق", "مسؤولين أميركيين", "US officials", I, "نقلت"),
    ("عدد الجنود لن يتغير كثيرا", "مسؤولين أميركيين", "US officials", I, "نقلت"),
    ("لن تكون في مهمة قتالية", "جو بايدن", "Joe Biden", P, "قال"),
    ("القوات الأميركية المنتشرة في العراق قادرة على القيام بعمليات قتالية", "لويد أوستن", "Lloyd Austin", I, "قال"),
    ("من الصعب جدا التمييز بين الجنود المقاتلين وقوات الدعم والمستشارين", "لويد أوستن", "Lloyd Austin", I, "لفت"),
    ("يوجد في العراق نحو 2500 جندي أميركي", "وزارة الدفاع الأميركية", "Pentagon", I, "وفقا لـ"),
    ("كامل وغير مشروط", CC_AR, CC_EN, P, "طالبت"),
    ("الحديث عن تغيير المهام محاولة للالتفاف على قرار البرلمان", CC_AR, CC_EN, I, "اعتبرت"),
    ("لن تغادر العراق مهما قيل في واشنطن", "نائب عن تحالف الفتح", "Fatah alliance lawmaker", P, "رأى"),
    ("لا يتراجع عدد الجنود الأميركيين في العراق بشكل ملحوظ", "حمدي مالك", "Hamdi Malik", I, "توقّع"),
    ("الحسابات الإقليمية لم تتغير", "حمدي مالك", "Hamdi Malik", D, "أشار"),
]

SH_AR, SH_EN = "أبو علي الشمري", "Abu Ali al-Shammari"
MILITIAS_AR = [
    ("إعادة انتشار لا انسحاب", "فصائل عراقية مسلحة موالية لإيران", "Iran-aligned Iraqi militias", P, "اعتبر"),
    ("الأميركيين سيغادرون العراق، بالاتفاق أو بغيره", SH_AR, SH_EN, D, "قال"),
    ("لقد جربنا وعودهم من قبل. لن نسمح بتكرار الخديعة", SH_AR, SH_EN, D, "تابع"),
    ("الفصائل نفّذت أكثر من خمسين هجوما على المصالح الأميركية منذ مطلع العام", SH_AR, SH_EN, I, "كشف"),
    ("تتصاعد هذه الهجمات في الأشهر المقبلة", SH_AR, SH_EN, I, "توقع"),
    ("تكون الفصائل قد تلقت أي طلب إيراني بوقف الهجمات", SH_AR, SH_EN, I, "نفى"),
    ("قرار المقاومة عراقي خالص", SH_AR, SH_EN, D, "أكد"),
    ("وتيرة الهجمات تراجعت خلال الأسابيع الأخيرة مقارنة بالأشهر الأولى من العام", "مسؤول عسكري أميركي", "US military official", I, "أفاد"),
    ("استهدفت طائرة مسيّرة فجر الاثنين محيط مطار أربيل الدولي، من دون أن تسفر عن إصابات", "مصادر أمنية عراقية", "Iraqi security sources", I, "حسب"),
    ("لن تغادر طوعا", "كتائب حزب الله", "Kataib Hezbollah", P, "اعتبرت"),
    ("الاستعداد لمرحلة جديدة من المواجهة", "كتائب حزب الله", "Kataib Hezbollah", P, "دعا"),
    ("ستستغل أي غموض في الاتفاق لتبرير استمرار هجماتها", "حمدي مالك", "Hamdi Malik", P, "يرى"),
    ("لا تريد تصعيدا واسعا في هذه المرحلة", "حمدي مالك", "Hamdi Malik", P, "لفت"),
    ("شهدت الأشهر الستة الأولى من العام نحو خمسين هجوما بالصواريخ والطائرات المسيّرة على قواعد تضم قوات أميركية أو على مواكب إمداد التحالف الدولي", "إحصاءات رسمية عراقية", "official Iraqi statistics", I, "وفق"),
]

KIRBY_AR = [
    ("انتهاء المهمة القتالية في العراق لن يعني بالضرورة خفض عدد القوات الأميركية هناك", "جون كيربي", "John Kirby", I, "قال"),
    ("لقد كانت قواتنا في دور استشاري منذ فترة، ولا أتوقع أن تتغير الأعداد بشكل كبير", "جون كيربي", "John Kirby", D, "أضاف"),
    ("القوات الأميركية لن تغادر العراق بحلول نهاية العام", "جون كيربي", "John Kirby", I, "شدد"),
    ("المهمة ضد داعش لم تنته بعد", "جون كيربي", "John Kirby", D, "أشار"),
    ("الهجمات على القوات الأميركية في العراق انخفضت في الأسابيع الأخيرة", "جون كيربي", "John Kirby", I, "لفت"),
    ("ما زالت تمتلك القدرة على إلحاق الأذى", "جون كيربي", "John Kirby", P, "حذّر"),
    ("بلاده لن تكون في مهمة قتالية في العراق بحلول نهاية العام", "جو بايدن", "Joe Biden", I, "أعلن"),
    ("الولايات المتحدة ستواصل تدريب القوات العراقية ومساعدتها في مواجهة تنظيم داعش", "جو بايدن", "Joe Biden", I, "أوضح"),
    ("عدد الجنود سيُحدَّد لاحقا بناء على احتياجات الحكومة العراقية", "مسؤول كبير في الإدارة الأميركية", "senior Biden administration official", I, "وفق"),
    ("أي انسحاب متسرع قد يسمح لتنظيم داعش بإعادة تنظيم صفوفه", "مسؤول كبير في الإدارة الأميركية", "senior Biden administration official", I, "حذّر"),
    ("الحوار الاستراتيجي مع بغداد يشمل الطاقة والصحة والمناخ إلى جانب الملف الأمني", "نيد برايس", "Ned Price", I, "صرّح"),
    ("شراكتنا مع العراق أوسع بكثير من الوجود العسكري", "نيد برايس", "Ned Price", D, "قال"),
    ("تغيير في الشكل لا في المضمون", "رمزي مارديني", "Ramzi Mardini", P, "اعتبر"),
    ("يكون الاتفاق مجرد إعادة تسمية للمهام", "مسؤول في السفارة العراقية في واشنطن", "Iraqi embassy official", I, "نفى"),
    ("القوات الأميركية لم تعد تشارك في العمليات البرية منذ فترة", "مسؤولون عسكريون", "US military officials", I, "يقول"),
    ("دورها يقتصر على الاستخبارات والإسناد الجوي وتقديم المشورة لقيادة العمليات المشتركة العراقية", "مسؤولون عسكريون", "US military officials", I, "يقول"),
]

# --- Lebanon electricity -------------------------------------------------------------------
LEBANON_AR = [
    ("التغذية بالتيار الكهربائي ستتحسن تدريجيا خلال أسبوعين، مع وصول أول شحنة من الفيول العراقي إلى لبنان", "نبيل حداد", "Nabil Haddad", I, "أعلن"),
    ("الشحنة الأولى، وحجمها 33 ألف طن، ستصل إلى مرفأ طرابلس نهاية الأسبوع", "نبيل حداد", "Nabil Haddad", D, "قال"),
    ("المعدل الحالي للتغذية أربع ساعات يوميا، ونأمل أن يرتفع إلى ثماني ساعات", "نبيل حداد", "Nabil Haddad", D, "أضاف"),
    ("تكون المؤسسة قد رفعت ساعات التغذية", "كريم سعادة", "Karim Saade", I, "نفى"),
    ("لا تتجاوز ساعتين يوميا", "كريم سعادة", "Karim Saade", P, "أوضح"),
    ("معملي دير عمار والزهراني توقفا عن العمل بسبب نفاد الفيول", "كريم سعادة", "Karim Saade", I, "لفت"),
    ("لا تملك الأموال اللازمة لشراء شحنات إضافية", "كريم سعادة", "Karim Saade", P, "أكد"),
    ("أصحاب المولدات سيضطرون إلى إطفاء مولداتهم لساعات إضافية إذا استمر شح المازوت", "مروان أبي صعب", "Marwan Abi Saab", I, "حذّر"),
    ("تسعيرة عادلة", "مروان أبي صعب", "Marwan Abi Saab", P, "طالب"),
    ("مسكّن لا علاج", "ليلى نصار", "Leila Nassar", P, "وصفت"),
    ("لن تُحل قبل إصلاح قطاع الكهرباء بالكامل", "ليلى نصار", "Leila Nassar", P, "اعتبر"),
    ("خسائر قطاع الكهرباء تتجاوز 40 مليار دولار منذ نهاية الحرب الأهلية، وهذا الرقم وحده يكفي لفهم حجم الكارثة", "ليلى نصار", "Leila Nassar", D, "أضافت"),
]

LEBANON_EN = [
    ("power supply would gradually improve within two weeks as the first cargo of Iraqi fuel oil arrives", "Nabil Haddad", "Nabil Haddad", I, "said"),
    ("The first shipment, of 30,000 tonnes, will reach Tripoli by the weekend", "Nabil Haddad", "Nabil Haddad", D, "said"),
    ("After that, we expect supply to rise to eight hours a day", "Nabil Haddad", "Nabil Haddad", D, "said"),
    ("the government would not raise electricity tariffs before the end of the year", "Nabil Haddad", "Nabil Haddad", I, "insisted"),
    ("supply hours had been increased", "Karim Saade", "Karim Saade", I, "denied"),
    ("no more than two hours a day", "Karim Saade", "Karim Saade", P, "told"),
    ("We are producing barely 700 megawatts against demand of more than 3,000", "Karim Saade", "Karim Saade", D, "said"),
    ("Without new money, the plants at Deir Ammar and Zahrani stay dark", "Karim Saade", "Karim Saade", D, "said"),
    ("the state grid currently supplies about four hours of electricity a day on average", "energy ministry", "Lebanese Energy Ministry", I, "according to"),
    ("his members would have to switch off for longer if diesel shortages persist", "Marwan Abi Saab", "Marwan Abi Saab", I, "warned"),
    ("People don't understand that we are also buying fuel on the black market", "Marwan Abi Saab", "Marwan Abi Saab", D, "said"),
    ("a painkiller, not a cure", "Leila Nassar", "Leila Nassar", P, "called"),
    ("losses in the power sector had exceeded $40 billion since the end of the civil war in 1990", "Leila Nassar", "Leila Nassar", I, "said"),
    ("they can no longer guarantee power for intensive care units", "some hospitals", "Lebanese hospitals", I, "warned"),
]

# --- Egypt inflation -----------------------------------------------------------------------
CAPMAS_AR = "الجهاز المركزي للتعبئة العامة والإحصاء"
EGYPT_AR = [
    ("المعدل السنوي للتضخم العام في المدن المصرية بلغ ٤٫٩٪ خلال حزيران/يونيو، مقارنة بـ٤٫٨٪ في أيار/مايو", CAPMAS_AR, "CAPMAS", I, "أعلن"),
    ("الارتفاع يعود بالأساس إلى زيادة أسعار الخضراوات والفاكهة", CAPMAS_AR, "CAPMAS", I, "أوضح"),
    ("تراجع المعدل السنوي للتضخم الأساسي إلى ٣٫٨٪", "البنك المركزي المصري", "Central Bank of Egypt", I, "بحسب"),
    ("التضخم الحقيقي الذي تشعر به الأسر لا يقل عن ١٢٪", "هاني عزت", "Hany Ezzat", D, "قال"),
    ("سلة السلع التي يعتمد عليها الجهاز لا تعكس ما يدفعه المواطن فعلا في السوق", "هاني عزت", "Hany Ezzat", D, "أضاف"),
    ("أسعار اللحوم والدواجن ارتفعت بأكثر من ٢٠٪ منذ بداية العام", "هاني عزت", "Hany Ezzat", I, "لفت"),
    ("الشفافية الكاملة في نشر منهجية حساب التضخم", "سامية فتحي", "Samia Fathy", P, "طالبت"),
    ("انخفض فعليا في عدد من المحافظات", "سامية فتحي", "Samia Fathy", P, "كشف"),
    ("يكون وزن رغيف الخبز المدعم قد تغير", "طارق منصور", "Tarek Mansour", I, "نفى"),
    ("سعر الرغيف ووزنه ثابتان ولا نية لتغييرهما", "طارق منصور", "Tarek Mansour", D, "أكد"),
    ("الحكومة ملتزمة بحماية الفئات الأكثر احتياجا", "طارق منصور", "Tarek Mansour", D, "نقلت"),
    ("مخصصات دعم السلع التموينية في موازنة العام المالي الجديد تبلغ ٨٧ مليار جنيه", "طارق منصور", "Tarek Mansour", I, "أشار"),
]

EGYPT_EN = [
    ("the real rate is far higher", "economists", "economists", I, "say"),
    ("Annual urban consumer price inflation in Egypt edged up to 4.9% in June from 4.8% in May", "CAPMAS", "CAPMAS", I, "said"),
    ("Core inflation, which strips out volatile items such as fruit and vegetables, fell to 3.8%", "Central Bank of Egypt", "Central Bank of Egypt", I, "according to"),
    ("badly understate", "Hany Ezzat", "Hany Ezzat", P, "said"),
    ("Real inflation, the kind families feel at the market, is at least 12%", "Hany Ezzat", "Hany Ezzat", D, "said"),
    ("The basket CAPMAS uses doesn't reflect what people actually pay", "Hany Ezzat", "Hany Ezzat", D, "added"),
    ("and meat and poultry prices alone are up nearly 30% since January", "Hany Ezzat", "Hany Ezzat", D, "added"),
    ("well within", "central bank's monetary policy committee", "Central Bank of Egypt", P, "said"),
    ("the weight of the subsidized bread loaf had quietly shrunk in several governorates", "Samia Fathy", "Samia Fathy", I, "claimed"),
    ("the loaf's weight had changed", "Tarek Mansour", "Tarek Mansour", I, "denied"),
    ("The price and the weight of the loaf are fixed, and there is no intention to change either", "Tarek Mansour", "Tarek Mansour", D, "said"),
    ("food subsidies in the new fiscal year's budget total 87 billion Egyptian pounds", "Tarek Mansour", "Tarek Mansour", I, "added"),
    ("the central bank will keep rates on hold for the rest of the year as long as headline inflation stays in single digits", "analysts", "analysts", I, "expect"),
]

# --- Gulf oil output -----------------------------------------------------------------------
OIL_EN = [
    ("The group will adjust its overall production upward by 0.4 million barrels per day on a monthly basis starting August 2021", "OPEC+", "OPEC+", D, "said"),
    ("The deal raises the baseline from which the UAE's cuts are calculated to 3.5 million barrels per day from May 2022", "Gulf delegate familiar with the talks", "Gulf OPEC+ delegate", I, "according to"),
    ("its old baseline did not reflect billions of dollars invested in new capacity", "Abu Dhabi", "United Arab Emirates", I, "argued"),
    ("gives everyone something and nobody everything", "another delegate", "unnamed OPEC+ delegate", P, "said"),
    ("Prices will come down as the barrels arrive, but not fast", "Daniel Whitford", "Daniel Whitford", D, "said"),
    ("By the fourth quarter the market will be close to balanced", "Daniel Whitford", "Daniel Whitford", D, "said"),
    ("demand was recovering faster than supply", "Rania al-Khatib", "Rania al-Khatib", I, "said"),
    ("Brent could climb above $80 a barrel before the end of the year", "Rania al-Khatib", "Rania al-Khatib", I, "warned"),
    ("We don't think 400,000 barrels a day is enough to cool this market", "Rania al-Khatib", "Rania al-Khatib", D, "said"),
    ("Inventories are drawing, and they'll keep drawing", "Rania al-Khatib", "Rania al-Khatib", D, "said"),
]

# --- wire-briefs.jsonl: {line number: specs}, offsets into that line's "text" field ----------
WIRE = {
    1: [
        ("The end of the US combat mission in Iraq will not mean a withdrawal of American troops", "John Kirby", "John Kirby", I, "said"),
        ("We are not going anywhere. The mission changes, the commitment doesn't", "John Kirby", "John Kirby", D, "told"),
        ("about 2,500 US soldiers would stay in the country for the foreseeable future", "John Kirby", "John Kirby", I, "said"),
        ("the Pentagon would not announce a new figure before the end of the year", "John Kirby", "John Kirby", I, "added"),
        ("a clear timetable for the departure of US combat forces", "Fuad Hussein", "Fuad Hussein", P, "described"),
        ("Combat troops will leave Iraq by 31 December, and that is what the Iraqi people asked for", "Fuad Hussein", "Fuad Hussein", D, "said"),
        ("attacks on US bases would increase", "Kataib Hezbollah", "Kataib Hezbollah", I, "warned"),
        ("much broader than the military presence", "Ned Price", "Ned Price", P, "told"),
        ("the United States would also help Iraq with power-sector investment to ease summer blackouts", "Ned Price", "Ned Price", I, "said"),
        ("the announcements were mostly symbolic", "Ramzi Mardini", "Ramzi Mardini", I, "said"),
        ("something to show", "Ramzi Mardini", "Ramzi Mardini", P, "said"),
    ],
    2: [
        ("ستعدّل المجموعة إنتاجها الإجمالي صعودا بمقدار 0.4 مليون برميل يوميا على أساس شهري بدءا من آب/أغسطس 2021", "تحالف أوبك+", "OPEC+", D, "قال"),
        ("خط الأساس الذي تُحتسب منه تخفيضات الإمارات سيرتفع إلى 3.65 مليون برميل يوميا اعتبارا من أيار/مايو 2022", "مصدر خليجي مطلع على المحادثات", "Gulf OPEC+ delegate", I, "نقلت"),
        ("تمنح الجميع شيئا ولا تمنح أحدا كل شيء", "مندوب في التحالف", "unnamed OPEC+ delegate", P, "أفاد"),
        ("ترتفع أسعار خام برنت إلى ما فوق 80 دولارا للبرميل قبل نهاية العام", "رانيا الخطيب", "Rania al-Khatib", I, "توقّعت"),
        ("الطلب يتعافى أسرع من العرض", "رانيا الخطيب", "Rania al-Khatib", D, "اعتبر"),
        ("الأسعار ستتراجع مع وصول البراميل الإضافية إلى الأسواق", "دانيال ويتفورد", "Daniel Whitford", D, "رأى"),
        ("لن يحدث بسرعة", "دانيال ويتفورد", "Daniel Whitford", P, "استدرك"),
        ("الرقم القديم لا يعكس استثماراتها في زيادة الطاقة الإنتاجية", "الإمارات", "United Arab Emirates", I, "اعتبر"),
    ],
}

TEXT_FILES = {
    "biden-kadhimi-white-house-en.txt": BIDEN_EN,
    "senior-official-briefing-en.txt": BRIEFING_EN,
    "iraq-troop-numbers-en.txt": TROOPS_EN,
    "kadhimi-washington-ar.txt": KADHIMI_AR,
    "iraq-withdrawal-timetable-ar.txt": TIMETABLE_AR,
    "iraq-militias-react-ar.txt": MILITIAS_AR,
    "pentagon-kirby-ar.txt": KIRBY_AR,
    "lebanon-electricity-ar.txt": LEBANON_AR,
    "lebanon-electricity-en.txt": LEBANON_EN,
    "egypt-inflation-ar.txt": EGYPT_AR,
    "egypt-inflation-en.txt": EGYPT_EN,
    "gulf-oil-output-en.txt": OIL_EN,
}
JSONL_FILES = {"wire-briefs.jsonl": WIRE}


def main():
    goldtools.build(HERE, TEXT_FILES, JSONL_FILES, total_label="total new gold statements:")


if __name__ == "__main__":
    main()
