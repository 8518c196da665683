* 性別による思い込みに気づくためのアンケート（住民向け）.
* Template bias-awareness-community 1.0.0 (sha256-f0b47b639087b256445f22091e1c780e607b8cada502b6b0fe42d9da9b6ba5bc), written by kizuki.
* Reads the wide CSV with codes (UTF-8). SET UNICODE ON must run before any data set is open.
SET UNICODE ON.
GET DATA
  /TYPE=TXT
  /FILE='responses.csv'
  /ENCODING='UTF8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    respondentId A64
    h01 F1.0
    h02 F1.0
    h03 F1.0
    h04 F1.0
    h05 F1.0
    h06 F1.0
    h07 F1.0
    h08 F1.0
    h09 F1.0
    h10 F1.0
    c01 F1.0
    c02 F1.0
    c03 F1.0
    c04 F1.0
    c05 F1.0
    c06 F1.0
    c07 F1.0
    c08 F1.0
    c09 F1.0
    c10 F1.0
    w01 F1.0
    w02 F1.0
    w03 F1.0
    w04 F1.0
    w05 F1.0
    w06 F1.0
    w07 F1.0
    w08 F1.0
    w09 F1.0
    w10 F1.0
    e01 F1.0
    e02 F1.0
    e03 F1.0
    e04 F1.0
    e05 F1.0
    e06 F1.0
    e07 F1.0
    e08 F1.0
    e09 F1.0
    e10 F1.0
    imposed F1.0
    imposed_how_1 F1.0
    imposed_how_2 F1.0
    imposed_how_3 F1.0
    imposed_how_4 F1.0
    imposed_how_other A3000
    imposed_where_1 F1.0
    imposed_where_2 F1.0
    imposed_where_3 F1.0
    imposed_where_4 F1.0
    imposed_where_5 F1.0
    imposed_where_other A3000
    imposed_by_1 F1.0
    imposed_by_2 F1.0
    imposed_by_3 F1.0
    imposed_by_4 F1.0
    imposed_by_5 F1.0
    imposed_by_6 F1.0
    imposed_by_7 F1.0
    imposed_by_8 F1.0
    imposed_by_10 F1.0
    imposed_by_11 F1.0
    imposed_by_other A3000
    sex F1.0
    age_band F1.0
    area F1.0
    employment F1.0
    comments A6000
    locale A16
    startedAt A30
    submittedAt A30
    seed F10.0
.

VARIABLE LABELS
  respondentId '回答者ID'
  /h01 '家計を主に支えるのは、男性の役目だ。'
  /h02 '毎日の食事の用意は、主に女性がするほうがよい。'
  /h03 '子どもが小さいうちは、母親が家で世話をするほうがよい。'
  /h04 '共働きの家庭でも、仕事の都合を優先するのは夫のほうだ。'
  /h05 '親の介護は、息子よりも娘や息子の妻が担うものだ。'
  /h06 '家の力仕事は、男性がするものだ。'
  /h07 '子どもの学校からの連絡に対応するのは、母親の役目だ。'
  /h08 '父親が子育てのために長く仕事を休むのは、望ましくない。'
  /h09 '家を継ぐのは、男の子のほうがよい。'
  /h10 '家の大きな買い物を最終的に決めるのは、男性だ。'
  /c01 '自治会や町内会の会長は、男性が務めるほうがよい。'
  /c02 '地域の行事で料理や片付けをするのは、女性の役目だ。'
  /c03 '地域の祭りで神輿を担ぐのは、男性であるべきだ。'
  /c04 'PTAや子ども会の役員は、母親が引き受けるものだ。'
  /c05 '防災訓練などで地域の指揮をとるのは、男性が向いている。'
  /c06 '地域の話し合いで最終的に決めるのは、年長の男性がよい。'
  /c07 '地域の会合に家を代表して出るのは、男性だ。'
  /c08 '消防団の活動は、男性がするものだ。'
  /c09 '近所のお年寄りの見守りは、女性のほうが向いている。'
  /c10 '地域の子育てサークルに参加するのは、父親より母親のほうが自然だ。'
  /w01 '残業が必要なときは、男性が引き受けるものだ。'
  /w02 '職場のまとめ役には、女性より男性がふさわしい。'
  /w03 '職場でお客様にお茶を出すのは、女性の役目だ。'
  /w04 '小さな子どもがいる女性には、責任の重い仕事を任せないほうがよい。'
  /w05 '男性は育児休業を取らずに働き続けるほうがよい。'
  /w06 '大事な取引や交渉は、男性が担当するほうがうまくいく。'
  /w07 '男性が短時間勤務を選ぶのは、仕事への意欲が低いからだ。'
  /w08 '体力のいる仕事は、男性に割り当てるものだ。'
  /w09 '職場の懇親会の準備は、若い女性が担うものだ。'
  /w10 '転勤のある仕事は、男性に任せるほうがよい。'
  /e01 '男性は、人前で涙を見せないほうがよい。'
  /e02 'デートの費用は、男性が多めに払うものだ。'
  /e03 '理科や数学は、女子より男子のほうが得意だ。'
  /e04 '進学や就職のとき、女子は地元に残るほうがよい。'
  /e05 '政治の場で物事を決めるのは、男性のほうが向いている。'
  /e06 '物事を判断するとき、女性は男性より感情に左右されやすい。'
  /e07 '悩みがあっても、男性は人に相談せず自分で解決するものだ。'
  /e08 '家事に使う商品の広告に女性が登場するのは、自然なことだ。'
  /e09 '男の子が人形遊びを好むのは、気がかりなことだ。'
  /e10 '看護や保育の仕事は、女性に向いている。'
  /imposed 'これまでに、性別を理由に、役割やふるまいを決めつけられたと感じたことはありますか' +
      '。'
  /imposed_how_1 'それはどのような形でしたか。あてはまるものをすべて選んでください。: 面と向かって' +
      '言われた'
  /imposed_how_2 'それはどのような形でしたか。あてはまるものをすべて選んでください。: 周りの人の態' +
      '度やふるまいから感じた'
  /imposed_how_3 'それはどのような形でしたか。あてはまるものをすべて選んでください。: テレビ、イン' +
      'ターネット、広告などから感じた'
  /imposed_how_4 'それはどのような形でしたか。あてはまるものをすべて選んでください。: その他（具体' +
      '的に）'
  /imposed_how_other 'それはどのような形でしたか。あてはまるものをすべて選んでください。: その他の内容'
  /imposed_where_1 'それはどの場面でしたか。あてはまるものをすべて選んでください。: 家庭'
  /imposed_where_2 'それはどの場面でしたか。あてはまるものをすべて選んでください。: 地域'
  /imposed_where_3 'それはどの場面でしたか。あてはまるものをすべて選んでください。: 職場'
  /imposed_where_4 'それはどの場面でしたか。あてはまるものをすべて選んでください。: 学校'
  /imposed_where_5 'それはどの場面でしたか。あてはまるものをすべて選んでください。: その他（具体的に' +
      '）'
  /imposed_where_other 'それはどの場面でしたか。あてはまるものをすべて選んでください。: その他の内容'
  /imposed_by_1 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 親'
  /imposed_by_2 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 配偶者・パートナー'
  /imposed_by_3 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: その他の家族・親戚'
  /imposed_by_4 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 職場の上司'
  /imposed_by_5 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 職場の同僚・部下'
  /imposed_by_6 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 学校の先生'
  /imposed_by_7 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 友人・知人'
  /imposed_by_8 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 近所・地域の人'
  /imposed_by_10 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: 特定の誰かではない'
  /imposed_by_11 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: その他（具体的に）'
  /imposed_by_other 'そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。: その他の内容'
  /sex 'あなたの性別を教えてください。'
  /age_band 'あなたの年代を教えてください。'
  /area 'お住まいの地域を教えてください。'
  /employment '現在のお仕事の状況に最も近いものを選んでください。'
  /comments '性別による思い込みや、地域での暮らし・働き方について、ご意見があれば自由にお書き' +
      'ください（任意）。'
  /locale '回答言語'
  /startedAt '回答開始日時'
  /submittedAt '回答送信日時'
  /seed '選択肢の並べ替えの種'
.

VALUE LABELS
  h01 h02 h03 h04 h05 h06 h07 h08 h09 h10 c01 c02 c03 c04 c05 c06 c07 c08 c09 c10 w01 w02 w03 w04 w05 w06 w07 w08 w09 w10 e01 e02 e03 e04 e05 e06 e07 e08 e09 e10
    1 'そう思う'
    2 'どちらかといえばそう思う'
    3 'どちらかといえばそう思わない'
    4 'そう思わない'
    9 'わからない'
  /imposed
    1 'ある'
    2 'ない'
    9 'わからない'
  /imposed_how_1 imposed_how_2 imposed_how_3 imposed_how_4 imposed_where_1 imposed_where_2 imposed_where_3 imposed_where_4 imposed_where_5 imposed_by_1 imposed_by_2 imposed_by_3 imposed_by_4 imposed_by_5 imposed_by_6 imposed_by_7 imposed_by_8 imposed_by_10 imposed_by_11
    0 '選ばなかった'
    1 '選んだ'
  /sex
    1 '男性'
    2 '女性'
    3 'その他'
    9 '答えたくない'
  /age_band
    1 '10代'
    2 '20代'
    3 '30代'
    4 '40代'
    5 '50代'
    6 '60代'
    7 '70代以上'
  /area
    1 '中心部'
    2 '周辺部'
    3 'その他の地域'
    9 '答えたくない'
  /employment
    1 '正社員・正規の職員'
    2 'パート・アルバイト'
    3 '契約社員・派遣社員・嘱託'
    4 '自営業・家族従業者'
    5 '会社などの役員'
    6 '学生'
    7 '仕事はしていない（家事・育児・介護を主にしている、退職したなど）'
    8 'その他'
    9 '答えたくない'
.

MISSING VALUES h01 h02 h03 h04 h05 h06 h07 h08 h09 h10 c01 c02 c03 c04 c05 c06 c07 c08 c09 c10 w01 w02 w03 w04 w05 w06 w07 w08 w09 w10 e01 e02 e03 e04 e05 e06 e07 e08 e09 e10 imposed sex area employment (9).

VARIABLE LEVEL imposed imposed_how_1 imposed_how_2 imposed_how_3 imposed_how_4 imposed_where_1 imposed_where_2 imposed_where_3 imposed_where_4 imposed_where_5 imposed_by_1 imposed_by_2 imposed_by_3 imposed_by_4 imposed_by_5 imposed_by_6 imposed_by_7 imposed_by_8 imposed_by_10 imposed_by_11 sex age_band area employment (NOMINAL)
  /h01 h02 h03 h04 h05 h06 h07 h08 h09 h10 c01 c02 c03 c04 c05 c06 c07 c08 c09 c10 w01 w02 w03 w04 w05 w06 w07 w08 w09 w10 e01 e02 e03 e04 e05 e06 e07 e08 e09 e10 (ORDINAL)
  /seed (SCALE).

MRSETS
  /MDGROUP NAME=$imposed_how LABEL='それはどのような形でしたか。あてはまるものをすべて選んでください。'
    VARIABLES=imposed_how_1 imposed_how_2 imposed_how_3 imposed_how_4 VALUE=1
  /MDGROUP NAME=$imposed_where LABEL='それはどの場面でしたか。あてはまるものをすべて選んでください。'
    VARIABLES=imposed_where_1 imposed_where_2 imposed_where_3 imposed_where_4 imposed_where_5 VALUE=1
  /MDGROUP NAME=$imposed_by LABEL='そう感じたのは、誰の言葉や態度からでしたか。あてはまるものをすべて選んでください' +
      '。'
    VARIABLES=imposed_by_1 imposed_by_2 imposed_by_3 imposed_by_4 imposed_by_5 imposed_by_6 imposed_by_7 imposed_by_8 imposed_by_10 imposed_by_11 VALUE=1
.

EXECUTE.
