<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>A 股资讯与行情监控。以 MIT 许可发布。</source>
        <translation>A-share news and market monitor. Released under the MIT licence.</translation>
    </message>
    <message>
        <source>公司简称与市场昵称：{0}，以及新闻报道。详见 {1} 的开头</source>
        <translation>Company short names and market nicknames: {0}, and news reports. Details: the header of {1}</translation>
    </message>
    <message>
        <source>关于火花</source>
        <translation>About Huohua</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>在文件管理器中打开数据目录</source>
        <translation>Open the data folder in the file manager</translation>
    </message>
    <message>
        <source>数据目录：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <source>演示数据：合成的行情与资讯，不是真实行情。</source>
        <translation>Demo data: synthetic quotes and news, not real market data.</translation>
    </message>
    <message>
        <source>火花 Huohua</source>
        <translation>Huohua</translation>
    </message>
    <message>
        <source>版本 {0}</source>
        <translation>Version {0}</translation>
    </message>
    <message>
        <source>股票列表（截至 2026-08-21 收盘）：整理自 GitHub 上的公开快照：{0}。stock-matrix 没有许可文件；代码与名称是交易所公开的信息。详见 {1}</source>
        <translation>Stock list (as of the close on 2026-08-21), merged from public snapshots on GitHub: {0}. stock-matrix has no licence file; codes and names are public exchange facts. Details: {1}</translation>
    </message>
    <message>
        <source>随附数据</source>
        <translation>Bundled data</translation>
    </message>
    <message>
        <source>（临时目录，退出时删除）</source>
        <translation>(a temporary folder, deleted when Huohua quits)</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>%1 条提醒</source>
        <translation>%1 alerts</translation>
    </message>
    <message>
        <source>火花 Huohua</source>
        <translation>Huohua</translation>
    </message>
    <message>
        <source>火花提醒</source>
        <translation>Huohua alert</translation>
    </message>
</context>
<context>
    <name>AlertRuleDialog</name>
    <message>
        <source> 倍</source>
        <translation>×</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>主题有新资讯</source>
        <translation>New news on a theme</translation>
    </message>
    <message>
        <source>主题：</source>
        <translation>Theme:</translation>
    </message>
    <message>
        <source>价格低于</source>
        <translation>Price below</translation>
    </message>
    <message>
        <source>价格高于</source>
        <translation>Price above</translation>
    </message>
    <message>
        <source>价格：</source>
        <translation>Price:</translation>
    </message>
    <message>
        <source>倍数：</source>
        <translation>Multiple:</translation>
    </message>
    <message>
        <source>全部持仓</source>
        <translation>All holdings</translation>
    </message>
    <message>
        <source>冷却：</source>
        <translation>Cooldown:</translation>
    </message>
    <message>
        <source>同一只股票再次提醒前至少间隔的时间</source>
        <translation>The least time between two alerts for the same stock</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>幅度：</source>
        <translation>Move:</translation>
    </message>
    <message>
        <source>异动类型：</source>
        <translation>Mover types:</translation>
    </message>
    <message>
        <source>成交量放大（倍于5日均量）</source>
        <translation>Volume spike (× 5-day average)</translation>
    </message>
    <message>
        <source>持仓亏损达到 %</source>
        <translation>Holding loss reaches %</translation>
    </message>
    <message>
        <source>持仓回本（回到成本价）</source>
        <translation>Holding back at cost (the price back at the cost price)</translation>
    </message>
    <message>
        <source>持仓盈利达到 %</source>
        <translation>Holding profit reaches %</translation>
    </message>
    <message>
        <source>搜索词有新资讯</source>
        <translation>New news matching a search</translation>
    </message>
    <message>
        <source>搜索词：</source>
        <translation>Search:</translation>
    </message>
    <message>
        <source>条件：</source>
        <translation>Condition:</translation>
    </message>
    <message>
        <source>涨停</source>
        <translation>Limit up</translation>
    </message>
    <message>
        <source>涨停打开（开板）</source>
        <translation>Limit up opened</translation>
    </message>
    <message>
        <source>涨幅超过 %</source>
        <translation>Up more than %</translation>
    </message>
    <message>
        <source>添加提醒</source>
        <translation>Add alert</translation>
    </message>
    <message>
        <source>股票代码，如 300750</source>
        <translation>Stock code, e.g. 300750</translation>
    </message>
    <message>
        <source>股票：</source>
        <translation>Stock:</translation>
    </message>
    <message>
        <source>自选股出现盘口异动</source>
        <translation>Movers on watched stocks</translation>
    </message>
    <message>
        <source>该股有新公告</source>
        <translation>New announcement of the stock</translation>
    </message>
    <message>
        <source>该股有新资讯</source>
        <translation>New news on the stock</translation>
    </message>
    <message>
        <source>跌停</source>
        <translation>Limit down</translation>
    </message>
    <message>
        <source>跌幅超过 %</source>
        <translation>Down more than %</translation>
    </message>
</context>
<context>
    <name>AlertsPane</name>
    <message>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 条提醒，%2 条未读</source>
        <translation>%1 alerts, %2 unread</translation>
    </message>
    <message>
        <source>%1 秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1%，浮动盈亏 %2 元</source>
        <translation>%1%, unrealised P&amp;L %2 yuan</translation>
    </message>
    <message>
        <source>主题资讯：%1</source>
        <translation>Theme news: %1</translation>
    </message>
    <message>
        <source>价格 ≤ %1</source>
        <translation>Price ≤ %1</translation>
    </message>
    <message>
        <source>价格 ≥ %1</source>
        <translation>Price ≥ %1</translation>
    </message>
    <message>
        <source>修改提醒规则</source>
        <translation>Change an alert rule</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部持仓</source>
        <translation>All holdings</translation>
    </message>
    <message>
        <source>全部标为已读</source>
        <translation>Mark all as read</translation>
    </message>
    <message>
        <source>全部自选股</source>
        <translation>All watched stocks</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>冷却</source>
        <translation>Cooldown</translation>
    </message>
    <message>
        <source>列表：%1</source>
        <translation>List: %1</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>删除提醒规则</source>
        <translation>Delete an alert rule</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>On</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已触发</source>
        <translation>Fired</translation>
    </message>
    <message>
        <source>成交量 ≥ 均量 %1 倍</source>
        <translation>Volume ≥ %1 × average</translation>
    </message>
    <message>
        <source>持仓亏损 ≥ %1%</source>
        <translation>Holding loss ≥ %1%</translation>
    </message>
    <message>
        <source>持仓回本</source>
        <translation>Holding back at cost</translation>
    </message>
    <message>
        <source>持仓盈利 ≥ %1%</source>
        <translation>Holding profit ≥ %1%</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>搜索命中：%1</source>
        <translation>Search hit: %1</translation>
    </message>
    <message>
        <source>新公告</source>
        <translation>New announcement</translation>
    </message>
    <message>
        <source>新资讯</source>
        <translation>New news</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>标为已读</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>涨停</source>
        <translation>Limit up</translation>
    </message>
    <message>
        <source>涨停打开</source>
        <translation>Limit up opened</translation>
    </message>
    <message>
        <source>涨幅 ≥ %1%</source>
        <translation>Up ≥ %1%</translation>
    </message>
    <message>
        <source>添加提醒…</source>
        <translation>Add alert…</translation>
    </message>
    <message>
        <source>添加提醒规则</source>
        <translation>Add an alert rule</translation>
    </message>
    <message>
        <source>盘口异动：%1</source>
        <translation>Movers: %1</translation>
    </message>
    <message>
        <source>股票</source>
        <translation>Stocks</translation>
    </message>
    <message>
        <source>股票/范围</source>
        <translation>Stock / scope</translation>
    </message>
    <message>
        <source>自选列表的新资讯</source>
        <translation>News on a watchlist</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>跌停</source>
        <translation>Limit down</translation>
    </message>
    <message>
        <source>跌停打开</source>
        <translation>Limit down opened</translation>
    </message>
    <message>
        <source>跌幅 ≥ %1%</source>
        <translation>Down ≥ %1%</translation>
    </message>
    <message>
        <source>（回放）</source>
        <translation> (replay)</translation>
    </message>
    <message>
        <source>（演示数据）</source>
        <translation> (DEMO DATA)</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>★ 已加星标</source>
        <translation>★ Starred</translation>
    </message>
    <message>
        <source>☆ 星标</source>
        <translation>☆ Star</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>公告</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>加星标</source>
        <translation>Star</translation>
    </message>
    <message>
        <source>加星标 / 取消星标（S）</source>
        <translation>Star / unstar (S)</translation>
    </message>
    <message>
        <source>北京时间</source>
        <translation>Beijing time</translation>
    </message>
    <message>
        <source>北京时间（UTC+8），与交易所的时间一致</source>
        <translation>Beijing time (UTC+8), the exchanges' time</translation>
    </message>
    <message>
        <source>取消星标</source>
        <translation>Unstar</translation>
    </message>
    <message>
        <source>同时报道：</source>
        <translation>Also reported by: </translation>
    </message>
    <message>
        <source>图片加载中…</source>
        <translation>Loading images…</translation>
    </message>
    <message>
        <source>图片默认不加载（保护隐私、避免追踪）；点击后仅为本文加载</source>
        <translation>Images are not loaded by default (privacy, no tracking); click to load them for this article only</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>Open original</translation>
    </message>
    <message>
        <source>显示图片</source>
        <translation>Show images</translation>
    </message>
    <message>
        <source>联动</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>选择一篇资讯阅读</source>
        <translation>Select an article to read</translation>
    </message>
</context>
<context>
    <name>BoardMoversModel</name>
    <message>
        <source>主力净流入</source>
        <translation>Main net inflow</translation>
    </message>
    <message>
        <source>主要类型</source>
        <translation>Main types</translation>
    </message>
    <message>
        <source>异动次数</source>
        <translation>Movers</translation>
    </message>
    <message>
        <source>最频繁个股</source>
        <translation>Most frequent stock</translation>
    </message>
    <message>
        <source>板块</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>涨跌幅</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>Breadcrumb</name>
    <message>
        <source>返回%1</source>
        <translation>Back to %1</translation>
    </message>
</context>
<context>
    <name>BrokerCsvDialog</name>
    <message>
        <source>%1 笔成交，%2 行跳过（非交易），%3 行有错误</source>
        <translation>Trades: %1 · skipped (not trades): %2 · rows with errors: %3</translation>
    </message>
    <message>
        <source>%1（%2，表头在第 %3 行）。请为每一项选择对应的列：</source>
        <translation>%1 (%2, header on line %3). Choose the column of each field:</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>买入</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>买卖方向</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>例：</source>
        <translation>e.g. </translation>
    </message>
    <message>
        <source>卖出</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导入券商成交记录</source>
        <translation>Import a broker's trades</translation>
    </message>
    <message>
        <source>导入持仓 CSV</source>
        <translation>Import positions CSV</translation>
    </message>
    <message>
        <source>已导入 %1 笔成交，%2 行非交易已跳过</source>
        <translation>Imported %1 trades; %2 rows that are not trades skipped</translation>
    </message>
    <message>
        <source>已按上次为这种文件选择的列填好。</source>
        <translation>Filled in with the columns chosen last time for files like this one.</translation>
    </message>
    <message>
        <source>成交价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>成交数量</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>成交日期</source>
        <translation>Trade date</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>未导入（没有保存任何成交）：</source>
        <translation>Not imported (no trade was saved): </translation>
    </message>
    <message>
        <source>没有可导入的成交：请检查“买卖方向”选的列</source>
        <translation>No trades to import: check the column chosen for Side</translation>
    </message>
    <message>
        <source>股数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>证券代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>请选择：%1</source>
        <translation>Choose: %1</translation>
    </message>
    <message>
        <source>费用</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>费用（可多选，相加）</source>
        <translation>Fee (any columns, summed)</translation>
    </message>
    <message>
        <source>跳过（非交易）：%1</source>
        <translation>skipped (not a trade): %1</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>（无费用列）</source>
        <translation>(no fee columns)</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(not chosen)</translation>
    </message>
</context>
<context>
    <name>ChartPane</name>
    <message>
        <source>%1 价 %2 %3% 均价 %4 量 %5手</source>
        <translation>%1 Price %2 %3% Avg %4 Vol %5 lots</translation>
    </message>
    <message>
        <source>%1 开 %2 高 %3 低 %4 收 %5 %6% 量 %7万手</source>
        <translation>%1 O %2 H %3 L %4 C %5 %6% Vol %7M shares</translation>
    </message>
    <message>
        <source>……共 %1 篇</source>
        <translation>… %1 in all</translation>
    </message>
    <message>
        <source>不复权</source>
        <translation>Unadjusted</translation>
    </message>
    <message>
        <source>分时</source>
        <translation>Intraday</translation>
    </message>
    <message>
        <source>前复权</source>
        <translation>Adjusted (qfq)</translation>
    </message>
    <message>
        <source>日K</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>更新失败，显示本地已存数据：%1</source>
        <translation>Update failed, showing stored data: %1</translation>
    </message>
    <message>
        <source>正在获取 %1 的K线…</source>
        <translation>Fetching the chart of %1…</translation>
    </message>
    <message>
        <source>没有 %1 的K线：获取失败（%2）。
%3</source>
        <translation>No chart for %1: fetching failed (%2).
%3</translation>
    </message>
    <message>
        <source>联动</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>获取失败：%1</source>
        <translation>Could not fetch: %1</translation>
    </message>
    <message>
        <source>选择一只股票查看K线（在任意面板选中，或直接输入代码/拼音）</source>
        <translation>Select a stock to see its chart (in any pane, or type its code or pinyin initials here)</translation>
    </message>
</context>
<context>
    <name>ChipBar</name>
    <message>
        <source>移除此筛选</source>
        <translation>Remove this filter</translation>
    </message>
</context>
<context>
    <name>DayPnl</name>
    <message>
        <source>当日盈亏 %1</source>
        <translation>Today's P&amp;L %1</translation>
    </message>
</context>
<context>
    <name>EmptyHint</name>
    <message>
        <source>还没有触发过提醒。
在“规则”页点“添加提醒…”设置股价、涨跌幅或资讯主题提醒，条件满足时会列在这里</source>
        <translation>No alerts have fired yet.
On the 'Rules' tab, 'Add alert…' sets a price, move or news-theme alert; alerts that fire are listed here</translation>
    </message>
    <message>
        <source>这个列表还没有股票。
直接输入代码、名称或拼音（如 300750、宁德时代、ndsd）即可打开键盘精灵，按 Ctrl+Enter 加入当前列表</source>
        <translation>This list has no stocks yet.
Type a code, a name or its pinyin initials (300750, 宁德时代, ndsd) to open the stock finder; Ctrl+Enter adds to this list</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>内部错误（已记录到日志）：</source>
        <translation>Internal error (written to the log): </translation>
    </message>
    <message>
        <source>出错的部分已停止，火花会继续运行，已保存的数据不受影响。

%1

详细信息已记录到日志：
%2</source>
        <translation>The part that failed has stopped; Huohua keeps running and nothing saved is affected.

%1

The details are in the log:
%2</translation>
    </message>
    <message>
        <source>火花遇到了内部错误</source>
        <translation>Huohua hit an internal error</translation>
    </message>
    <message>
        <source>（无法写入日志文件）</source>
        <translation>(the log file cannot be written)</translation>
    </message>
</context>
<context>
    <name>FeedNames</name>
    <message>
        <source>东方财富 全球快讯</source>
        <translation>Eastmoney Flash</translation>
    </message>
    <message>
        <source>东方财富 全球快讯（演示数据）</source>
        <translation>Eastmoney Flash (demo)</translation>
    </message>
    <message>
        <source>个股新闻</source>
        <translation>Stock news</translation>
    </message>
    <message>
        <source>个股新闻（自选股）</source>
        <translation>Stock news (watchlist)</translation>
    </message>
    <message>
        <source>个股新闻（自选股，演示数据）</source>
        <translation>Stock news (watchlist, demo)</translation>
    </message>
    <message>
        <source>公告</source>
        <translation>Announcements</translation>
    </message>
    <message>
        <source>公告（自选股）</source>
        <translation>Announcements (watchlist)</translation>
    </message>
    <message>
        <source>公告（自选股，演示数据）</source>
        <translation>Announcements (watchlist, demo)</translation>
    </message>
    <message>
        <source>同花顺 直播</source>
        <translation>THS Live</translation>
    </message>
    <message>
        <source>同花顺 直播（演示数据）</source>
        <translation>THS Live (demo)</translation>
    </message>
    <message>
        <source>富途 快讯</source>
        <translation>Futu Flash</translation>
    </message>
    <message>
        <source>富途 快讯（演示数据）</source>
        <translation>Futu Flash (demo)</translation>
    </message>
    <message>
        <source>快讯</source>
        <translation>Flash news</translation>
    </message>
    <message>
        <source>新浪 7x24</source>
        <translation>Sina 7x24</translation>
    </message>
    <message>
        <source>新浪 7x24（演示数据）</source>
        <translation>Sina 7x24 (demo)</translation>
    </message>
    <message>
        <source>深度</source>
        <translation>In depth</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>演示资讯（演示数据）</source>
        <translation>Demo news</translation>
    </message>
    <message>
        <source>科技</source>
        <translation>Tech</translation>
    </message>
    <message>
        <source>综合财经</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>能源</source>
        <translation>Energy</translation>
    </message>
    <message>
        <source>财联社 电报</source>
        <translation>CLS Telegraph</translation>
    </message>
    <message>
        <source>财联社 电报（演示数据）</source>
        <translation>CLS Telegraph (demo)</translation>
    </message>
</context>
<context>
    <name>FeedTree</name>
    <message>
        <source>上次抓取失败：</source>
        <translation>Last fetch failed: </translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>共 %1 篇，</source>
        <translation>%1 in all, </translation>
    </message>
    <message>
        <source>星标</source>
        <translation>Starred</translation>
    </message>
    <message>
        <source>未读</source>
        <translation>Unread</translation>
    </message>
    <message>
        <source>未读 %1 篇</source>
        <translation>%1 unread</translation>
    </message>
</context>
<context>
    <name>FeedsEditor</name>
    <message>
        <source>OPML 文件 (*.opml *.xml)</source>
        <translation>OPML files (*.opml *.xml)</translation>
    </message>
    <message>
        <source>OPML 文件 (*.opml *.xml);;所有文件 (*)</source>
        <translation>OPML files (*.opml *.xml);;All files (*)</translation>
    </message>
    <message>
        <source>上次抓取失败（连续 {0} 次）：{1}</source>
        <translation>Last fetch failed ({0} in a row): {1}</translation>
    </message>
    <message>
        <source>上次错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>不是有效的订阅地址：应以 http://、https:// 或 rsshub:/ 开头</source>
        <translation>Not a valid feed address: it must start with http://, https:// or rsshub:/</translation>
    </message>
    <message>
        <source>也可以双击标题或间隔直接修改</source>
        <translation>You can also double-click a title or interval to edit it</translation>
    </message>
    <message>
        <source>保存失败：{0}</source>
        <translation>Save failed: {0}</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>删除订阅源</source>
        <translation>Remove feed</translation>
    </message>
    <message>
        <source>删除订阅源“{0}”及其全部文章？</source>
        <translation>Remove the feed “{0}” and all its articles?</translation>
    </message>
    <message>
        <source>删除选中的 {0} 个订阅源及其全部文章？</source>
        <translation>Remove the {0} selected feeds and all their articles?</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>导入 OPML</source>
        <translation>Import OPML</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>Import OPML…</translation>
    </message>
    <message>
        <source>导入失败，未导入任何订阅源：{0}</source>
        <translation>Import failed, no feeds were imported: {0}</translation>
    </message>
    <message>
        <source>导出 OPML</source>
        <translation>Export OPML</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>Export OPML…</translation>
    </message>
    <message>
        <source>导出失败：{0}</source>
        <translation>Export failed: {0}</translation>
    </message>
    <message>
        <source>已删除 {0} 个订阅源（{1} 篇文章）</source>
        <translation>Removed {0} feed(s) ({1} article(s))</translation>
    </message>
    <message>
        <source>已导入 {0} 个新订阅源（{1} 个已订阅过）</source>
        <translation>Imported {0} new feed(s) ({1} already subscribed)</translation>
    </message>
    <message>
        <source>已导出 {0} 个订阅源到 {1}</source>
        <translation>Exported {0} feed(s) to {1}</translation>
    </message>
    <message>
        <source>已添加：{0}</source>
        <translation>Added: {0}</translation>
    </message>
    <message>
        <source>已移出文件夹</source>
        <translation>Moved out of its folder</translation>
    </message>
    <message>
        <source>已移动到“{0}”</source>
        <translation>Moved to “{0}”</translation>
    </message>
    <message>
        <source>已订阅过：{0}</source>
        <translation>Already subscribed: {0}</translation>
    </message>
    <message>
        <source>已重命名为“{0}”</source>
        <translation>Renamed to “{0}”</translation>
    </message>
    <message>
        <source>抓取间隔已改为 {0} 分钟</source>
        <translation>Fetch interval changed to {0} min</translation>
    </message>
    <message>
        <source>抓取间隔至少 {0} 分钟</source>
        <translation>The fetch interval must be at least {0} min</translation>
    </message>
    <message>
        <source>文件中没有订阅源</source>
        <translation>The file contains no feeds</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>文件夹“{0}”已重命名为“{1}”</source>
        <translation>Folder “{0}” renamed to “{1}”</translation>
    </message>
    <message>
        <source>文件夹（可空）</source>
        <translation>Folder (optional)</translation>
    </message>
    <message>
        <source>新文件夹名</source>
        <translation>New folder name</translation>
    </message>
    <message>
        <source>无法写入 {0}：{1}</source>
        <translation>Cannot write {0}: {1}</translation>
    </message>
    <message>
        <source>无法读取 {0}：{1}</source>
        <translation>Cannot read {0}: {1}</translation>
    </message>
    <message>
        <source>无法读取订阅源：{0}</source>
        <translation>Cannot read the feeds: {0}</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>目标文件夹（留空 = 不放入文件夹）</source>
        <translation>Target folder (empty = no folder)</translation>
    </message>
    <message>
        <source>移动到文件夹</source>
        <translation>Move to folder</translation>
    </message>
    <message>
        <source>订阅地址：https://… 或 rsshub:/路由</source>
        <translation>Feed address: https://… or rsshub:/route</translation>
    </message>
    <message>
        <source>该订阅源已不存在</source>
        <translation>This feed no longer exists</translation>
    </message>
    <message>
        <source>请输入新文件夹名</source>
        <translation>Enter a new folder name</translation>
    </message>
    <message>
        <source>请输入订阅地址</source>
        <translation>Enter a feed address</translation>
    </message>
    <message>
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>重命名文件夹</source>
        <translation>Rename folder</translation>
    </message>
    <message>
        <source>间隔（分钟）</source>
        <translation>Interval (min)</translation>
    </message>
</context>
<context>
    <name>GuiApp</name>
    <message>
        <source>回放数据</source>
        <translation>REPLAY</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
</context>
<context>
    <name>HeatLegend</name>
    <message>
        <source>颜色：涨停池、炸板池、跌停池中的股票，其余为灰色</source>
        <translation>Colour: stocks in the limit-up, broken and limit-down pools; the rest grey</translation>
    </message>
    <message>
        <source>颜色：涨跌幅，±%1% 封顶</source>
        <translation>Colour: % change, capped at ±%1%</translation>
    </message>
</context>
<context>
    <name>HeatLimits</name>
    <message>
        <source>%1池 %2</source>
        <translation>%1 pool %2</translation>
    </message>
    <message>
        <source>涨停</source>
        <translation>Limit up</translation>
    </message>
    <message>
        <source>炸板</source>
        <translation>Broken</translation>
    </message>
    <message>
        <source>跌停</source>
        <translation>Limit down</translation>
    </message>
</context>
<context>
    <name>HeatTips</name>
    <message>
        <source>上涨 %1 家，下跌 %2 家</source>
        <translation>%1 up, %2 down</translation>
    </message>
    <message>
        <source>总市值：%1</source>
        <translation>Market cap: %1</translation>
    </message>
    <message>
        <source>暂无行情</source>
        <translation>No quote yet</translation>
    </message>
    <message>
        <source>更新于 %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>涨跌幅：%1</source>
        <translation>Change: %1</translation>
    </message>
    <message>
        <source>近24小时相关资讯 %1 篇</source>
        <translation>%1 linked articles in the last 24 h</translation>
    </message>
    <message>
        <source>领涨：%1</source>
        <translation>Leader: %1</translation>
    </message>
    <message>
        <source>（数据已过时）</source>
        <translation> (stale)</translation>
    </message>
</context>
<context>
    <name>HeatmapPane</name>
    <message>
        <source>%1 个 · 涨 %2 跌 %3 · %4</source>
        <translation>%1 tiles · %2 up %3 down · %4</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>全市场</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>只看持仓：只显示持有的股票（行业、概念：含持仓股的板块）</source>
        <translation>Holdings only: only the stocks held (industries, concepts: the boards holding one)</translation>
    </message>
    <message>
        <source>总市值</source>
        <translation>Market cap</translation>
    </message>
    <message>
        <source>成交额</source>
        <translation>Turnover</translation>
    </message>
    <message>
        <source>持仓</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>显示K线</source>
        <translation>Show chart</translation>
    </message>
    <message>
        <source>暂无行情数据：还没有获取到行情。
联网后会自动获取；请检查状态栏的“行情”“板块”</source>
        <translation>No market data yet: no quotes have been fetched.
They are fetched once the computer is online; see 'Quotes' and 'Boards' in the status bar</translation>
    </message>
    <message>
        <source>概念</source>
        <translation>Concepts</translation>
    </message>
    <message>
        <source>正在获取成分股…</source>
        <translation>Fetching the members…</translation>
    </message>
    <message>
        <source>正在获取该板块的成分股…
若一直为空，请检查网络连接</source>
        <translation>Fetching this board's stocks…
If it stays empty, check the network connection</translation>
    </message>
    <message>
        <source>流通市值</source>
        <translation>Float cap</translation>
    </message>
    <message>
        <source>添加提醒…</source>
        <translation>Add alert…</translation>
    </message>
    <message>
        <source>篮子 %1（市值加权）· </source>
        <translation>Basket %1 (cap-weighted) · </translation>
    </message>
    <message>
        <source>联动</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>联动：选中资讯主题时切换到该主题的股票篮子</source>
        <translation>Link: selecting a news theme switches to that theme's basket of stocks</translation>
    </message>
    <message>
        <source>自选</source>
        <translation>Watchlists</translation>
    </message>
    <message>
        <source>自选股里还没有股票。
在自选股列表里输入代码、名称或拼音即可添加</source>
        <translation>No stocks in the watchlists yet.
Type a code, a name or its pinyin initials over the watchlist to add one</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industries</translation>
    </message>
    <message>
        <source>行情数据加载后显示板块热力图</source>
        <translation>The sector heatmap appears once market data has loaded</translation>
    </message>
    <message>
        <source>近期没有与该主题相关的股票。
换一个主题，或等新资讯到来</source>
        <translation>No stocks linked to this theme lately.
Pick another theme, or wait for new articles</translation>
    </message>
    <message>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>这里没有持仓股票。
在“持仓”中记下买入，或关闭“持仓”按钮显示全部</source>
        <translation>No holdings here.
Record a buy under “Positions”, or turn the “Positions” button off to show everything</translation>
    </message>
</context>
<context>
    <name>HoldingMarks</name>
    <message>
        <source>%1 %2 %3 股 @ %4</source>
        <translation>%1 %2 %3 shares @ %4</translation>
    </message>
    <message>
        <source>买入</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>卖出</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>成本</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>成本 %1</source>
        <translation>Cost %1</translation>
    </message>
</context>
<context>
    <name>IndexStrip</name>
    <message>
        <source>{0}：还没有行情</source>
        <translation>{0}: no quote yet</translation>
    </message>
    <message>
        <source>上证指数</source>
        <translation>SSE Composite</translation>
    </message>
    <message>
        <source>上证指数、深证成指分时成交额合计截至 {0}：{1}，上一交易日（{2}）同时 {3}，{4}</source>
        <translation>1-minute turnover of the SSE Composite and the SZSE Component to {0}: {1}; the previous session ({2}) at the same time: {3}, {4}</translation>
    </message>
    <message>
        <source>全市场涨跌家数、涨停跌停家数（按各板块涨跌停价计）和成交额，统计自最近一次全市场行情</source>
        <translation>Stocks up, down and flat, stocks at their limit-up and limit-down price (by each board's limit) and the turnover of the whole market, counted from the latest whole-market quotes</translation>
    </message>
    <message>
        <source>创业板指</source>
        <translation>ChiNext</translation>
    </message>
    <message>
        <source>北证50</source>
        <translation>BSE 50</translation>
    </message>
    <message>
        <source>成交</source>
        <translation>Turnover</translation>
    </message>
    <message>
        <source>指数</source>
        <translation>Indices</translation>
    </message>
    <message>
        <source>时间 {0}</source>
        <translation>Time {0}</translation>
    </message>
    <message>
        <source>昨收 {0}</source>
        <translation>Prev. close {0}</translation>
    </message>
    <message>
        <source>最新 {0}</source>
        <translation>Last {0}</translation>
    </message>
    <message>
        <source>沪深300</source>
        <translation>CSI 300</translation>
    </message>
    <message>
        <source>涨 {0} 跌 {1} 平 {2} · 涨停 {3} 跌停 {4} · 成交 {5}</source>
        <translation>Up {0} Down {1} Flat {2} · Limit-up {3} Limit-down {4} · Turnover {5}</translation>
    </message>
    <message>
        <source>涨跌 {0}（{1}）</source>
        <translation>Change {0} ({1})</translation>
    </message>
    <message>
        <source>涨跌家数：等待全市场行情</source>
        <translation>Breadth: waiting for the whole-market quotes</translation>
    </message>
    <message>
        <source>深证成指</source>
        <translation>SZSE Component</translation>
    </message>
    <message>
        <source>科创50</source>
        <translation>STAR 50</translation>
    </message>
    <message>
        <source>行情已过时</source>
        <translation>The quote is stale</translation>
    </message>
    <message>
        <source>（较上日同时 {0}）</source>
        <translation> (vs prev. session at this time {0})</translation>
    </message>
</context>
<context>
    <name>LimitModel</name>
    <message>
        <source>%1 · %2 家</source>
        <translation>%1 · %2 stocks</translation>
    </message>
    <message>
        <source>%1 · 证据 %2 条</source>
        <translation>%1 · %2 items of evidence</translation>
    </message>
    <message>
        <source>%1 元</source>
        <translation>%1 yuan</translation>
    </message>
    <message>
        <source>个股资讯</source>
        <translation>News of this stock</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>公告</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>北京时间</source>
        <translation>Beijing time</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>多股资讯</source>
        <translation>News of several stocks</translation>
    </message>
    <message>
        <source>封单资金</source>
        <translation>Sell orders</translation>
    </message>
    <message>
        <source>封板资金</source>
        <translation>Seal funds</translation>
    </message>
    <message>
        <source>开板次数</source>
        <translation>Opens</translation>
    </message>
    <message>
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>支持这条原因的资讯数</source>
        <translation>How many items back this reason</translation>
    </message>
    <message>
        <source>昨日收盘以来没有找到相关公告或资讯</source>
        <translation>No announcement or news about it since the previous close</translation>
    </message>
    <message>
        <source>昨日收盘以来的公告和资讯中最能解释涨停的一条：公告优先，其次只关联这只股票的资讯，再次其板块、主题的资讯。点击查看相关资讯</source>
        <translation>The item since the previous close that best explains the limit-up: an announcement first, then news of this stock alone, then news of its boards and themes. Click to see the related news</translation>
    </message>
    <message>
        <source>最后封板</source>
        <translation>Last sealed</translation>
    </message>
    <message>
        <source>来源：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <source>涨幅</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>炸板次数</source>
        <translation>Breaks</translation>
    </message>
    <message>
        <source>点击查看相关资讯</source>
        <translation>Click to see the related news</translation>
    </message>
    <message>
        <source>证据数</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>连板</source>
        <translation>Streak</translation>
    </message>
    <message>
        <source>连续跌停</source>
        <translation>Days down</translation>
    </message>
    <message>
        <source>题材资讯</source>
        <translation>Topic news</translation>
    </message>
    <message>
        <source>首次封板</source>
        <translation>First sealed</translation>
    </message>
</context>
<context>
    <name>LimitUpPane</name>
    <message>
        <source> · 连板 %1 家，最高 %2 板</source>
        <translation> · %1 on a streak, longest %2 days</translation>
    </message>
    <message>
        <source>%1 %2 %3 家</source>
        <translation>%1 %2: %3 stocks</translation>
    </message>
    <message>
        <source>%1 休市（周末或节假日），没有%2池。</source>
        <translation>%1 was not a trading day (weekend or holiday): no %2 pool.</translation>
    </message>
    <message>
        <source>%1 的%2池没有股票。</source>
        <translation>The %2 pool of %1 holds no stock.</translation>
    </message>
    <message>
        <source>交易时段每分钟自动获取；若一直为空，请检查网络连接和状态栏的“行情”</source>
        <translation>It is read every minute while the market is open; if it stays empty, check the network and “Quotes” in the status bar</translation>
    </message>
    <message>
        <source>今天休市（周末或节假日），还没有保存过%2池。</source>
        <translation>The market is closed today (weekend or holiday) and no %2 pool is stored yet.</translation>
    </message>
    <message>
        <source>今天还没有开盘：9:25 集合竞价后开始获取%1池。</source>
        <translation>The market has not opened yet: the %1 pool is read from the 9:25 call auction on.</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>可在日期列表中选择以前的交易日</source>
        <translation>Choose an earlier trading day in the date list</translation>
    </message>
    <message>
        <source>可选择其他日期，或切换涨停、炸板、跌停查看</source>
        <translation>Choose another day, or switch between limit up, broken and limit down</translation>
    </message>
    <message>
        <source>已保存的交易日</source>
        <translation>Trading days stored</translation>
    </message>
    <message>
        <source>开市后会自动获取；也可在日期列表中选择以前的交易日</source>
        <translation>It is read once the market opens; you can also choose an earlier trading day in the date list</translation>
    </message>
    <message>
        <source>开盘后每分钟自动更新</source>
        <translation>It updates every minute once the market opens</translation>
    </message>
    <message>
        <source>按成员共有的主题、概念板块或行业分组，每只股票归入成员最多的一组</source>
        <translation>Groups by the theme, concept board or industry the stocks share; each stock goes under the largest group</translation>
    </message>
    <message>
        <source>按题材分组</source>
        <translation>Group by topic</translation>
    </message>
    <message>
        <source>显示K线</source>
        <translation>Show chart</translation>
    </message>
    <message>
        <source>查看相关资讯</source>
        <translation>Show related news</translation>
    </message>
    <message>
        <source>涨停</source>
        <translation>Limit up</translation>
    </message>
    <message>
        <source>添加提醒…</source>
        <translation>Add alert…</translation>
    </message>
    <message>
        <source>炸板</source>
        <translation>Broken</translation>
    </message>
    <message>
        <source>跌停</source>
        <translation>Limit down</translation>
    </message>
    <message>
        <source>还没有获取到%1池数据。</source>
        <translation>No %1 pool has been read yet.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>K线</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>关于火花</source>
        <translation>About Huohua</translation>
    </message>
    <message>
        <source>存储提示</source>
        <translation>Storage notice</translation>
    </message>
    <message>
        <source>导入 OPML</source>
        <translation>Import OPML</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>Import OPML…</translation>
    </message>
    <message>
        <source>导入失败：</source>
        <translation>Import failed: </translation>
    </message>
    <message>
        <source>导出 OPML</source>
        <translation>Export OPML</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>Export OPML…</translation>
    </message>
    <message>
        <source>导出失败：</source>
        <translation>Export failed: </translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>异动</source>
        <translation>Movers</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>持仓</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>数据库已损坏：请关闭火花后运行 huohua db check 查看，再用 huohua db recover 恢复可读的数据（损坏的文件会保留）。</source>
        <translation>The database is damaged: close Huohua, run huohua db check to see what is wrong, then huohua db recover to save what can be read (the damaged file is kept).</translation>
    </message>
    <message>
        <source>数据库无法打开：</source>
        <translation>The database cannot be opened: </translation>
    </message>
    <message>
        <source>数据目录只读：只显示已保存的数据，无法保存新数据，已停止抓取。请换一个可写的数据目录（--data-dir 或 HUOHUA_DATA_DIR）。</source>
        <translation>The data directory is read-only: showing what is stored; nothing new can be saved, so fetching is off. Use a writable data directory (--data-dir or HUOHUA_DATA_DIR).</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新导入的订阅源：%1</source>
        <translation>Feeds imported: %1</translation>
    </message>
    <message>
        <source>板块热力图</source>
        <translation>Sector heatmap</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>涨停</source>
        <translation>Limit up</translation>
    </message>
    <message>
        <source>火花 Huohua</source>
        <translation>Huohua</translation>
    </message>
    <message>
        <source>界面语言将在重启后生效</source>
        <translation>The interface language will change after a restart</translation>
    </message>
    <message>
        <source>磁盘已满：新数据无法保存（已保存的数据没有丢失），抓取已暂停。请释放磁盘空间，空间恢复后会自动继续。</source>
        <translation>The disk is full: new data cannot be saved (nothing stored was lost) and fetching is paused. Free some disk space; fetching resumes by itself.</translation>
    </message>
    <message>
        <source>离线提示</source>
        <translation>Offline notice</translation>
    </message>
    <message>
        <source>离线：无法连接任何数据源，正在显示本地缓存的数据</source>
        <translation>Offline: no data source can be reached; showing locally cached data</translation>
    </message>
    <message>
        <source>离线：无法连接任何数据源，还没有已保存的数据。请检查网络连接，恢复后会自动获取</source>
        <translation>Offline: no data source can be reached and nothing is saved yet. Check the network connection; Huohua fetches once it is back</translation>
    </message>
    <message>
        <source>立即刷新</source>
        <translation>Refresh now</translation>
    </message>
    <message>
        <source>自选股</source>
        <translation>Watchlist</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>资讯</source>
        <translation>News</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MarketPoller</name>
    <message>
        <source>行情服务无法启动：</source>
        <translation>The market service could not start: </translation>
    </message>
</context>
<context>
    <name>MarketStatus</name>
    <message>
        <source>A股：</source>
        <translation>A-shares: </translation>
    </message>
    <message>
        <source>交易中</source>
        <translation>Trading</translation>
    </message>
    <message>
        <source>交易日（按规则估计）：尚无今年的官方交易日历，节假日按放假规则推算</source>
        <translation>Trading day (estimated): no official trading calendar for this year yet, holidays are estimated by rule</translation>
    </message>
    <message>
        <source>交易时段按北京时间（Asia/Shanghai）计算</source>
        <translation>Trading hours are in Beijing time (Asia/Shanghai)</translation>
    </message>
    <message>
        <source>休市</source>
        <translation>Market holiday</translation>
    </message>
    <message>
        <source>休市（按规则估计）：尚无今年的官方交易日历，节假日按放假规则推算</source>
        <translation>Market holiday (estimated): no official trading calendar for this year yet, holidays are estimated by rule</translation>
    </message>
    <message>
        <source>午间休市</source>
        <translation>Lunch break</translation>
    </message>
    <message>
        <source>已收盘</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>未开盘</source>
        <translation>Pre-market</translation>
    </message>
    <message>
        <source>集合竞价</source>
        <translation>Call auction</translation>
    </message>
</context>
<context>
    <name>MoverTypes</name>
    <message>
        <source>60日大幅上涨</source>
        <translation>60-day surge</translation>
    </message>
    <message>
        <source>60日大幅下跌</source>
        <translation>60-day plunge</translation>
    </message>
    <message>
        <source>60日新低</source>
        <translation>60-day low</translation>
    </message>
    <message>
        <source>60日新高</source>
        <translation>60-day high</translation>
    </message>
    <message>
        <source>低开5日线</source>
        <translation>Opened below MA5</translation>
    </message>
    <message>
        <source>加速下跌</source>
        <translation>Accelerating fall</translation>
    </message>
    <message>
        <source>向上缺口</source>
        <translation>Gap up</translation>
    </message>
    <message>
        <source>向下缺口</source>
        <translation>Gap down</translation>
    </message>
    <message>
        <source>大笔买入</source>
        <translation>Big buy</translation>
    </message>
    <message>
        <source>大笔卖出</source>
        <translation>Big sell</translation>
    </message>
    <message>
        <source>封涨停板</source>
        <translation>Sealed limit-up</translation>
    </message>
    <message>
        <source>封跌停板</source>
        <translation>Sealed limit-down</translation>
    </message>
    <message>
        <source>快速反弹</source>
        <translation>Quick rebound</translation>
    </message>
    <message>
        <source>打开涨停板</source>
        <translation>Limit-up opened</translation>
    </message>
    <message>
        <source>打开跌停板</source>
        <translation>Limit-down opened</translation>
    </message>
    <message>
        <source>有大买盘</source>
        <translation>Large bid</translation>
    </message>
    <message>
        <source>有大卖盘</source>
        <translation>Large ask</translation>
    </message>
    <message>
        <source>火箭发射</source>
        <translation>Rocket</translation>
    </message>
    <message>
        <source>竞价上涨</source>
        <translation>Auction up</translation>
    </message>
    <message>
        <source>竞价下跌</source>
        <translation>Auction down</translation>
    </message>
    <message>
        <source>高台跳水</source>
        <translation>Dive</translation>
    </message>
    <message>
        <source>高开5日线</source>
        <translation>Opened above MA5</translation>
    </message>
</context>
<context>
    <name>MoversModel</name>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>相关资讯</source>
        <translation>Latest news</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>MoversPane</name>
    <message>
        <source>%1 没有保存板块异动。</source>
        <translation>No board movers stored for %1.</translation>
    </message>
    <message>
        <source>%1 没有符合条件的异动。</source>
        <translation>No mover on %1 matches.</translation>
    </message>
    <message>
        <source>%1 还没有盘口异动。</source>
        <translation>No movers on %1 yet.</translation>
    </message>
    <message>
        <source>交易时段每分钟自动获取；若一直为空，请检查网络连接和状态栏的“行情”</source>
        <translation>Fetched every minute while the market is open; if it stays empty, check the network and “Market” in the status bar</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>取消“只看自选”或选择“全部类型”查看全部</source>
        <translation>Untick “Watchlists only” or choose “All types” to see them all</translation>
    </message>
    <message>
        <source>只显示自选股列表中的股票</source>
        <translation>Show only the stocks on your watchlists</translation>
    </message>
    <message>
        <source>只看自选</source>
        <translation>Watchlists only</translation>
    </message>
    <message>
        <source>已保存的交易日</source>
        <translation>Trading days stored</translation>
    </message>
    <message>
        <source>开盘后每分钟自动更新</source>
        <translation>Updated every minute once the market opens</translation>
    </message>
    <message>
        <source>显示当日各板块的异动：涨跌幅、主力净流入、异动次数、最频繁个股</source>
        <translation>Show the day's movers by board: change, main net inflow, number of movers, most frequent stock</translation>
    </message>
    <message>
        <source>板块异动</source>
        <translation>Board movers</translation>
    </message>
    <message>
        <source>板块异动与个股异动一起每分钟获取</source>
        <translation>Board movers are fetched every minute with the stock movers</translation>
    </message>
    <message>
        <source>还没有获取到板块异动。</source>
        <translation>No board movers fetched yet.</translation>
    </message>
    <message>
        <source>还没有获取到盘口异动。</source>
        <translation>No movers fetched yet.</translation>
    </message>
</context>
<context>
    <name>NewsEmptyState</name>
    <message>
        <source>在左侧选择“全部”</source>
        <translation>choose All on the left</translation>
    </message>
    <message>
        <source>把时间范围改为“全部时间”</source>
        <translation>set the date range to Any time</translation>
    </message>
    <message>
        <source>无结果：当前筛选下没有资讯。</source>
        <translation>No results: no news matches the current filter. </translation>
    </message>
    <message>
        <source>暂无资讯</source>
        <translation>No news yet</translation>
    </message>
    <message>
        <source>正在获取资讯…</source>
        <translation>Fetching news…</translation>
    </message>
    <message>
        <source>移除上方的筛选条件</source>
        <translation>remove a filter above</translation>
    </message>
    <message>
        <source>还没有获取到资讯：%1。
%2</source>
        <translation>No news fetched yet: %1.
%2</translation>
    </message>
    <message>
        <source>还没有订阅源：文件 → 导入 OPML，或在设置中添加订阅源</source>
        <translation>No feeds yet: File → Import OPML, or add feeds in Settings</translation>
    </message>
    <message>
        <source>，或</source>
        <translation>, or </translation>
    </message>
</context>
<context>
    <name>NewsMenus</name>
    <message>
        <source>不再询问</source>
        <translation>Don't ask again</translation>
    </message>
    <message>
        <source>全部标为已读</source>
        <translation>Mark all as read</translation>
    </message>
    <message>
        <source>加星标</source>
        <translation>Star</translation>
    </message>
    <message>
        <source>取消星标</source>
        <translation>Unstar</translation>
    </message>
    <message>
        <source>只看这个主题的资讯</source>
        <translation>Only this theme's news</translation>
    </message>
    <message>
        <source>只看这只股票的资讯</source>
        <translation>Only this stock's news</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>在各面板中选中</source>
        <translation>Select in every pane</translation>
    </message>
    <message>
        <source>复制链接</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>将当前列表中的 %1 篇未读资讯全部标为已读？</source>
        <translation>Mark the %1 unread articles in this list as read?</translation>
    </message>
    <message>
        <source>将更早的资讯标为已读</source>
        <translation>Mark older articles as read</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>Open original</translation>
    </message>
    <message>
        <source>文件夹（留空：不放入文件夹）：</source>
        <translation>Folder (empty: none):</translation>
    </message>
    <message>
        <source>显示K线</source>
        <translation>Show chart</translation>
    </message>
    <message>
        <source>标为已读</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>标为未读</source>
        <translation>Mark as unread</translation>
    </message>
    <message>
        <source>添加提醒…</source>
        <translation>Add alert…</translation>
    </message>
    <message>
        <source>立即刷新</source>
        <translation>Refresh now</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>编辑订阅源</source>
        <translation>Edit feed</translation>
    </message>
    <message>
        <source>退订</source>
        <translation>Unsubscribe</translation>
    </message>
    <message>
        <source>退订“%1”？它的资讯（包括星标的）会一并删除。</source>
        <translation>Unsubscribe from “%1”? Its articles (starred ones too) are deleted with it.</translation>
    </message>
    <message>
        <source>退订…</source>
        <translation>Unsubscribe…</translation>
    </message>
</context>
<context>
    <name>NewsModel</name>
    <message>
        <source>主题</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>北京时间（UTC+8），与交易所的时间一致</source>
        <translation>Beijing time (UTC+8), the exchanges' time</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>股票</source>
        <translation>Stocks</translation>
    </message>
</context>
<context>
    <name>NewsPane</name>
    <message numerus="yes">
        <source>↑ %n 条新资讯</source>
        <translation>
            <numerusform>↑ %n new article</numerusform>
            <numerusform>↑ %n new articles</numerusform>
        </translation>
    </message>
    <message>
        <source>仅未读</source>
        <translation>Unread only</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>全部时间</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>全部标为已读</source>
        <translation>Mark all as read</translation>
    </message>
    <message>
        <source>公告</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>加星标</source>
        <translation>Star</translation>
    </message>
    <message>
        <source>取消星标</source>
        <translation>Unstar</translation>
    </message>
    <message>
        <source>标为已读</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <source>标为未读</source>
        <translation>Mark as unread</translation>
    </message>
    <message>
        <source>联动</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>联动：跟随其他面板选中的股票和主题；关闭后本面板保持自己的筛选</source>
        <translation>Link: follow the stock and theme selected in other panes; when off, this pane keeps its own filters</translation>
    </message>
    <message>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>近3天</source>
        <translation>Last 3 days</translation>
    </message>
    <message>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
</context>
<context>
    <name>NewsSearch</name>
    <message numerus="yes">
        <source>%n 条结果</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message>
        <source>搜索资讯（如 储能、算力、AI），或输入股票代码/名称/拼音首字母</source>
        <translation>Search news (e.g. 储能, 算力, AI) or type a stock code, name or pinyin initials</translation>
    </message>
    <message>
        <source>（指数）</source>
        <translation> (index)</translation>
    </message>
</context>
<context>
    <name>NewsStrip</name>
    <message>
        <source>资讯：每根K线提到该股的文章数，点击打开最新一篇</source>
        <translation>News: articles mentioning the stock on each bar; click to open the newest</translation>
    </message>
</context>
<context>
    <name>PositionModel</name>
    <message>
        <source>仓位占比</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>已实现盈亏</source>
        <translation>Realized P&amp;L</translation>
    </message>
    <message>
        <source>市值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>当日盈亏</source>
        <translation>Today's P&amp;L</translation>
    </message>
    <message>
        <source>成本价</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>持仓</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>按所选成本算法（移动加权平均或先进先出），含费用</source>
        <translation>By the chosen cost method (moving average or FIFO), fees included</translation>
    </message>
    <message>
        <source>浮动盈亏</source>
        <translation>Unrealized P&amp;L</translation>
    </message>
    <message>
        <source>现价</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>盈亏%</source>
        <translation>P&amp;L %</translation>
    </message>
    <message>
        <source>隔夜持仓按昨收计，今日买卖按成交价和费用计</source>
        <translation>Shares held overnight against the previous close; today's buys and sells at their price and fees</translation>
    </message>
</context>
<context>
    <name>PositionTradeDialog</name>
    <message>
        <source>买入</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>价格：</source>
        <translation>Price:</translation>
    </message>
    <message>
        <source>佣金、印花税、过户费合计，元</source>
        <translation>Commission, stamp duty and transfer fee together, in yuan</translation>
    </message>
    <message>
        <source>卖出</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>成交价，元</source>
        <translation>Price per share, in yuan</translation>
    </message>
    <message>
        <source>方向：</source>
        <translation>Side:</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>股数，买入按 100 股一手</source>
        <translation>Shares; buys in lots of 100</translation>
    </message>
    <message>
        <source>股数：</source>
        <translation>Shares:</translation>
    </message>
    <message>
        <source>股票代码，如 300750</source>
        <translation>Stock code, e.g. 300750</translation>
    </message>
    <message>
        <source>股票：</source>
        <translation>Stock:</translation>
    </message>
    <message>
        <source>费用：</source>
        <translation>Fees:</translation>
    </message>
</context>
<context>
    <name>PositionsPane</name>
    <message>
        <source>买入…</source>
        <translation>Buy…</translation>
    </message>
    <message>
        <source>先进先出</source>
        <translation>FIFO (first in, first out)</translation>
    </message>
    <message>
        <source>卖出…</source>
        <translation>Sell…</translation>
    </message>
    <message>
        <source>合计市值 %1</source>
        <translation>Total value %1</translation>
    </message>
    <message>
        <source>导入持仓 CSV</source>
        <translation>Import positions CSV</translation>
    </message>
    <message>
        <source>导入持仓 CSV…</source>
        <translation>Import positions CSV…</translation>
    </message>
    <message>
        <source>导出持仓 CSV</source>
        <translation>Export positions CSV</translation>
    </message>
    <message>
        <source>导出持仓 CSV…</source>
        <translation>Export positions CSV…</translation>
    </message>
    <message>
        <source>已实现盈亏 %1</source>
        <translation>Realized P&amp;L %1</translation>
    </message>
    <message>
        <source>已导入 %1 笔成交</source>
        <translation>Imported %1 trades</translation>
    </message>
    <message>
        <source>已导出 %1 笔成交</source>
        <translation>Exported %1 trades</translation>
    </message>
    <message>
        <source>当日盈亏 %1</source>
        <translation>Today's P&amp;L %1</translation>
    </message>
    <message>
        <source>成本算法</source>
        <translation>Cost method</translation>
    </message>
    <message>
        <source>把所有金额显示为 ****（%1）</source>
        <translation>Show every amount as **** (%1)</translation>
    </message>
    <message>
        <source>持仓 CSV 失败：</source>
        <translation>Positions CSV failed: </translation>
    </message>
    <message>
        <source>持仓 CSV 未导入：</source>
        <translation>Positions CSV not imported: </translation>
    </message>
    <message>
        <source>持仓无法计算：</source>
        <translation>The positions cannot be worked out: </translation>
    </message>
    <message>
        <source>数据目录只读：无法记录成交</source>
        <translation>The data folder is read-only: trades cannot be recorded</translation>
    </message>
    <message>
        <source>无法保存设置：</source>
        <translation>The settings cannot be saved: </translation>
    </message>
    <message>
        <source>显示K线</source>
        <translation>Show chart</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <source>浮动盈亏 %1（%2）</source>
        <translation>Unrealized P&amp;L %1 (%2)</translation>
    </message>
    <message>
        <source>移动加权平均</source>
        <translation>Moving average</translation>
    </message>
    <message>
        <source>记录成交</source>
        <translation>Record the trade</translation>
    </message>
    <message>
        <source>设置成本计算方法</source>
        <translation>Set the cost method</translation>
    </message>
    <message>
        <source>还没有持仓。
点“买入…”记下一笔成交，或在“更多”菜单中导入持仓 CSV</source>
        <translation>No positions yet.
Click “Buy…” to record a trade, or import a positions CSV from the “More” menu</translation>
    </message>
    <message>
        <source>隐藏金额</source>
        <translation>Hide amounts</translation>
    </message>
</context>
<context>
    <name>QuoteModel</name>
    <message>
        <source>今天有 %1 篇资讯提到它（点击查看）</source>
        <translation>%1 articles mention it today (click to see them)</translation>
    </message>
    <message>
        <source>今开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>今日资讯</source>
        <translation>News today</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>分时走势</source>
        <translation>Intraday</translation>
    </message>
    <message>
        <source>北京时间（UTC+8），与交易所的时间一致</source>
        <translation>Beijing time (UTC+8), the exchanges' time</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>总市值</source>
        <translation>Market cap</translation>
    </message>
    <message>
        <source>成交量</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>成交额</source>
        <translation>Turnover</translation>
    </message>
    <message>
        <source>换手率</source>
        <translation>Turnover %</translation>
    </message>
    <message>
        <source>数据已过时：%1 秒前获取</source>
        <translation>Stale: fetched %1 s ago</translation>
    </message>
    <message>
        <source>数据已过时：行情自 %1 起未再变动（北京时间）</source>
        <translation>Stale: unchanged since %1 (Beijing time)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>昨收</source>
        <translation>Prev close</translation>
    </message>
    <message>
        <source>最低</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>最新价</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>最高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>涨跌幅</source>
        <translation>Change %</translation>
    </message>
    <message>
        <source>涨跌额</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>交易日</source>
        <translation>Trading day</translation>
    </message>
    <message>
        <source>只看持仓</source>
        <translation>Holdings only</translation>
    </message>
    <message>
        <source>只看持仓：持仓股及其当日盈亏代替自选股，并标出含持仓的板块和涨停股</source>
        <translation>Holdings only: the held stocks with their day's P&amp;L instead of the watchlists; boards and limit-up stocks you hold are marked</translation>
    </message>
    <message>
        <source>复制为 Markdown</source>
        <translation>Copy as Markdown</translation>
    </message>
    <message>
        <source>复盘</source>
        <translation>Market review</translation>
    </message>
    <message>
        <source>已复制为 Markdown</source>
        <translation>Copied as Markdown</translation>
    </message>
    <message>
        <source>行情功能未开启</source>
        <translation>The market side is off</translation>
    </message>
    <message>
        <source>读取中…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>读取失败：{0}</source>
        <translation>Could not read: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>RSSHub 可用。</source>
        <translation>RSSHub answers. </translation>
    </message>
    <message>
        <source>RSSHub 地址</source>
        <translation>RSSHub URL</translation>
    </message>
    <message>
        <source>RSSHub 地址应以 http:// 或 https:// 开头，例如 http://127.0.0.1:1200</source>
        <translation>The RSSHub URL must start with http:// or https://, e.g. http://127.0.0.1:1200</translation>
    </message>
    <message>
        <source>RSSHub 无法使用：%1。%2</source>
        <translation>RSSHub cannot be used: %1. %2</translation>
    </message>
    <message>
        <source>RSSHub 是开源服务，把没有 RSS 的网站（如财联社电报、华尔街见闻）转成订阅源。需要在本机或自己的服务器上运行（例如 docker run -p 1200:1200 diygod/rsshub），公共的 rsshub.app 屏蔽了多数财经路由。rsshub:/ 开头的订阅源通过这里的地址抓取；首次启动时只有地址可用才会订阅内置的 RSSHub 路由。</source>
        <translation>RSSHub is an open-source service that turns sites without RSS (such as CLS telegraph or Wallstreetcn) into feeds. Run it on this computer or your own server (for example docker run -p 1200:1200 diygod/rsshub); the public rsshub.app blocks most finance routes. Feeds starting with rsshub:/ are fetched through this address; a first run subscribes the bundled RSSHub routes only if it answers.</translation>
    </message>
    <message>
        <source>TOML 文件 (*.toml);;所有文件 (*)</source>
        <translation>TOML files (*.toml);;All files (*)</translation>
    </message>
    <message>
        <source>rsshub:/ 开头的订阅源通过这个 RSSHub 实例抓取；公共的 rsshub.app 限制较多，建议自建</source>
        <translation>Feeds starting with rsshub:/ are fetched through this RSSHub instance; the public rsshub.app is heavily rate-limited, so self-hosting is recommended</translation>
    </message>
    <message>
        <source>主题关键词文件</source>
        <translation>Theme keywords file</translation>
    </message>
    <message>
        <source>主题关键词文件不存在：{0}</source>
        <translation>Theme keywords file not found: {0}</translation>
    </message>
    <message>
        <source>主题关键词文件格式有误：{0}</source>
        <translation>Theme keywords file is malformed: {0}</translation>
    </message>
    <message>
        <source>全市场快照</source>
        <translation>Full-market snapshot</translation>
    </message>
    <message>
        <source>全部保留</source>
        <translation>Keep all</translation>
    </message>
    <message>
        <source>内置的 RSSHub 路由都已订阅。</source>
        <translation>The bundled RSSHub routes are all subscribed.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>可选：扩展或覆盖内置主题的 TOML 文件</source>
        <translation>Optional: a TOML file that extends or overrides the built-in themes</translation>
    </message>
    <message>
        <source>在文件管理器中打开数据目录</source>
        <translation>Open the data folder in the file manager</translation>
    </message>
    <message>
        <source>外观</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>已订阅 %1 个 RSSHub 路由。</source>
        <translation>Subscribed to %1 RSSHub routes.</translation>
    </message>
    <message>
        <source>打开文章时标记为已读</source>
        <translation>Mark articles as read when opened</translation>
    </message>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>数据目录</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>文章保留天数</source>
        <translation>Keep articles for</translation>
    </message>
    <message>
        <source>新订阅源的抓取间隔</source>
        <translation>Interval for new feeds</translation>
    </message>
    <message>
        <source>无法保存设置文件 {0}：{1}</source>
        <translation>Cannot save the settings file {0}: {1}</translation>
    </message>
    <message>
        <source>板块刷新</source>
        <translation>Boards refresh</translation>
    </message>
    <message>
        <source>正在连接 %1 …</source>
        <translation>Connecting to %1 …</translation>
    </message>
    <message>
        <source>浅色</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>测试</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>涨跌颜色</source>
        <translation>Gain/loss colors</translation>
    </message>
    <message>
        <source>深色</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>界面语言在重启后生效</source>
        <translation>The interface language changes after a restart</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>红涨绿跌</source>
        <translation>Red up, green down</translation>
    </message>
    <message>
        <source>绿涨红跌</source>
        <translation>Green up, red down</translation>
    </message>
    <message>
        <source>自动删除早于该天数的已读且未加星标的文章；0 表示全部保留</source>
        <translation>Automatically delete read, unstarred articles older than this many days; 0 keeps everything</translation>
    </message>
    <message>
        <source>自选股行情刷新</source>
        <translation>Watchlist quotes refresh</translation>
    </message>
    <message>
        <source>订阅内置的 %1 个 RSSHub 路由</source>
        <translation>Subscribe to the %1 bundled RSSHub routes</translation>
    </message>
    <message>
        <source>订阅源</source>
        <translation>Feeds</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>设置文件</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <source>设置无效：{0}</source>
        <translation>Invalid settings: {0}</translation>
    </message>
    <message>
        <source>选择主题关键词文件</source>
        <translation>Choose theme keywords file</translation>
    </message>
    <message>
        <source>通用</source>
        <translation>General</translation>
    </message>
    <message>
        <source>配色</source>
        <translation>Color scheme</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Enter / 双击</source>
        <translation>Enter / double-click</translation>
    </message>
    <message>
        <source>上一篇</source>
        <translation>Previous article</translation>
    </message>
    <message>
        <source>上移 / 下移所选股票</source>
        <translation>Move the selected stocks up / down</translation>
    </message>
    <message>
        <source>下一篇</source>
        <translation>Next article</translation>
    </message>
    <message>
        <source>为当前选中的股票添加提醒</source>
        <translation>Add an alert for the stock selected</translation>
    </message>
    <message>
        <source>从列表中删除所选股票</source>
        <translation>Remove the selected stocks from the list</translation>
    </message>
    <message>
        <source>作用</source>
        <translation>What it does</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>关闭键盘精灵</source>
        <translation>Close the finder</translation>
    </message>
    <message>
        <source>加入当前显示的自选列表</source>
        <translation>Add it to the watchlist shown</translation>
    </message>
    <message>
        <source>加星标 / 取消星标</source>
        <translation>Star / unstar</translation>
    </message>
    <message>
        <source>在方块之间移动并选中</source>
        <translation>Move between tiles and select</translation>
    </message>
    <message>
        <source>在浏览器中打开原文</source>
        <translation>Open the original in the browser</translation>
    </message>
    <message>
        <source>在结果中移动</source>
        <translation>Move through the matches</translation>
    </message>
    <message>
        <source>在股票标签上：显示该股票的 K 线</source>
        <translation>On a stock chip: show the stock's chart</translation>
    </message>
    <message>
        <source>复盘（当日市场回顾）</source>
        <translation>Market review of the day</translation>
    </message>
    <message>
        <source>字母键在输入框里照常输入文字；在自选股列表上输入字母会打开键盘精灵。</source>
        <translation>In a text field, letter keys type as usual; over the watchlist, typing a letter opens the stock finder.</translation>
    </message>
    <message>
        <source>当前筛选下的资讯全部标为已读</source>
        <translation>Mark every article in the current filter read</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>快捷键（本表）</source>
        <translation>Keyboard shortcuts (this sheet)</translation>
    </message>
    <message>
        <source>打开设置</source>
        <translation>Open the settings</translation>
    </message>
    <message>
        <source>打开键盘精灵，按代码、名称或拼音首字母找股票</source>
        <translation>Open the stock finder: find a stock by code, name or pinyin initials</translation>
    </message>
    <message>
        <source>持仓</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>搜索资讯（也可输入股票代码、名称或拼音首字母）</source>
        <translation>Search the news (or type a stock's code, name or pinyin initials)</translation>
    </message>
    <message>
        <source>搜索资讯（同 /）</source>
        <translation>Search the news (as /)</translation>
    </message>
    <message>
        <source>数字或字母</source>
        <translation>A digit or a letter</translation>
    </message>
    <message>
        <source>方向键</source>
        <translation>Arrow keys</translation>
    </message>
    <message>
        <source>显示该股票的 K 线</source>
        <translation>Show the stock's chart</translation>
    </message>
    <message>
        <source>板块热力图</source>
        <translation>Sector heatmap</translation>
    </message>
    <message>
        <source>标为已读 / 未读</source>
        <translation>Mark read / unread</translation>
    </message>
    <message>
        <source>正文向下翻页，到底后打开下一篇</source>
        <translation>Page down the article; at its end, open the next one</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>立即刷新（获取全部订阅源）</source>
        <translation>Refresh now (fetch every feed)</translation>
    </message>
    <message>
        <source>自选股</source>
        <translation>Watchlist</translation>
    </message>
    <message>
        <source>资讯与正文</source>
        <translation>News and article</translation>
    </message>
    <message>
        <source>返回上一级</source>
        <translation>Go back up a level</translation>
    </message>
    <message>
        <source>进入板块；个股则显示 K 线</source>
        <translation>Open a board; on a stock, show its chart</translation>
    </message>
    <message>
        <source>退出火花</source>
        <translation>Quit Huohua</translation>
    </message>
    <message>
        <source>选中该股票，显示其 K 线</source>
        <translation>Select the stock and show its chart</translation>
    </message>
    <message>
        <source>键盘精灵</source>
        <translation>Stock finder</translation>
    </message>
    <message>
        <source>隐藏金额 / 显示金额（持仓和状态栏）</source>
        <translation>Hide / show amounts (positions and the status bar)</translation>
    </message>
</context>
<context>
    <name>SourceStatus</name>
    <message>
        <source> 等 %1 个</source>
        <translation> (%1 in all)</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>…另有 %1 个订阅源失败</source>
        <translation>…and %1 more feeds failed</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>上次成功：</source>
        <translation>Last success: </translation>
    </message>
    <message>
        <source>上次抓取：%1，%2 个订阅源中 %3 个成功</source>
        <translation>Last round: %1, %3 of %2 feeds OK</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>失败的订阅源：</source>
        <translation>Feeds that failed:</translation>
    </message>
    <message>
        <source>数据过时</source>
        <translation>Stale</translation>
    </message>
    <message>
        <source>板块</source>
        <translation>Boards</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>等待</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>行情</source>
        <translation>Quotes</translation>
    </message>
    <message>
        <source>行情自 %1 起未再变动（北京时间）：数据源仍在应答，但报价没有更新</source>
        <translation>Quotes unchanged since %1 (Beijing time): the source still answers, but its prices have not moved</translation>
    </message>
    <message>
        <source>资讯</source>
        <translation>News</translation>
    </message>
    <message>
        <source>部分失败</source>
        <translation>Some failed</translation>
    </message>
</context>
<context>
    <name>StockFinder</name>
    <message>
        <source>代码 / 名称 / 拼音首字母</source>
        <translation>Code / name / pinyin initials</translation>
    </message>
    <message>
        <source>指数</source>
        <translation>Index</translation>
    </message>
</context>
<context>
    <name>UiOps</name>
    <message>
        <source>保存失败：%1 —— %2。%3</source>
        <translation>Not saved: %1 — %2. %3</translation>
    </message>
    <message>
        <source>未完成：%1 —— %2。%3</source>
        <translation>Not done: %1 — %2. %3</translation>
    </message>
</context>
<context>
    <name>VolumeAxis</name>
    <message>
        <source>%1万手</source>
        <translation>%1M</translation>
    </message>
    <message>
        <source>%1手</source>
        <translation>%1 lots</translation>
    </message>
</context>
<context>
    <name>WatchlistNames</name>
    <message>
        <source>储能与电池</source>
        <translation>Storage &amp; batteries</translation>
    </message>
    <message>
        <source>光伏与逆变器</source>
        <translation>Solar &amp; inverters</translation>
    </message>
    <message>
        <source>电力</source>
        <translation>Power</translation>
    </message>
    <message>
        <source>自选</source>
        <translation>My stocks</translation>
    </message>
</context>
<context>
    <name>WatchlistPane</name>
    <message>
        <source>CSV 失败：</source>
        <translation>CSV failed: </translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>从本列表删除</source>
        <translation>Remove from this list</translation>
    </message>
    <message>
        <source>从自选删除 %1</source>
        <translation>Remove %1 from the watchlist</translation>
    </message>
    <message>
        <source>列表名称：</source>
        <translation>List name:</translation>
    </message>
    <message>
        <source>删除列表</source>
        <translation>Delete list</translation>
    </message>
    <message>
        <source>删除列表“%1”</source>
        <translation>Delete the list “%1”</translation>
    </message>
    <message>
        <source>删除列表“{0}”？其中的股票不会受影响。</source>
        <translation>Delete the list “{0}”? The stocks themselves are not affected.</translation>
    </message>
    <message>
        <source>导入 CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <source>导入自选股 CSV</source>
        <translation>Import watchlists (CSV)</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>导出自选股 CSV</source>
        <translation>Export watchlists (CSV)</translation>
    </message>
    <message>
        <source>已导入 %1 只股票</source>
        <translation>Imported %1 stocks</translation>
    </message>
    <message>
        <source>已导出 %1 只股票</source>
        <translation>Exported %1 stocks</translation>
    </message>
    <message>
        <source>按列表顺序</source>
        <translation>List order</translation>
    </message>
    <message>
        <source>新建列表</source>
        <translation>New list</translation>
    </message>
    <message>
        <source>新建列表“%1”</source>
        <translation>Create the list “%1”</translation>
    </message>
    <message>
        <source>显示K线</source>
        <translation>Show chart</translation>
    </message>
    <message>
        <source>添加 %1 到自选</source>
        <translation>Add %1 to the watchlist</translation>
    </message>
    <message>
        <source>添加提醒…</source>
        <translation>Add alert…</translation>
    </message>
    <message>
        <source>添加股票…</source>
        <translation>Add a stock…</translation>
    </message>
    <message>
        <source>置顶</source>
        <translation>Move to top</translation>
    </message>
    <message>
        <source>联动</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>调整自选股顺序</source>
        <translation>Reorder the watchlist</translation>
    </message>
    <message>
        <source>重命名列表</source>
        <translation>Rename list</translation>
    </message>
    <message>
        <source>重命名列表“%1”</source>
        <translation>Rename the list “%1”</translation>
    </message>
    <message>
        <source>；未找到：</source>
        <translation>; not found: </translation>
    </message>
</context>
<context>
    <name>WhyText</name>
    <message>
        <source>【公告】</source>
        <translation>[Notice] </translation>
    </message>
    <message>
        <source>今日异动：</source>
        <translation>Moves today:</translation>
    </message>
    <message>
        <source>昨收以来相关资讯：</source>
        <translation>Linked since the previous close:</translation>
    </message>
    <message>
        <source>涨跌幅：%1</source>
        <translation>Change: %1</translation>
    </message>
    <message>
        <source>随 %1</source>
        <translation>With %1</translation>
    </message>
</context>
<context>
    <name>_Links</name>
    <message>
        <source>未打开链接：只打开 http 或 https 网址，这个链接不是（{0}）</source>
        <translation>Link not opened: only http or https addresses are opened, and this is not one ({0})</translation>
    </message>
</context>
</TS>
