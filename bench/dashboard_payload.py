"""What a dashboard redraw sends to the browser: `widgets.Fig` (plotly.js once per page in `plotly_loader`, each
figure alone) against embedding plotly.js in every draw (`to_html(include_plotlyjs=True)`, the previous `Fig`).
Real embedded data: AAPL and MSFT from 2010, the backtest explorer's equity figure and a full-history candlestick.
Run: python bench/dashboard_payload.py"""
import tempfile, warnings
warnings.filterwarnings('ignore')
from tradenb.data.store import Store
from tradenb.data.download import download
from tradenb.backtest.engine import sma_crossover_signals
from tradenb.widgets import BacktestExplorer, ChartExplorer, plotly_loader

st = Store(tempfile.mkdtemp()); download(['AAPL', 'MSFT'], store=st)
px = {s: st.read(s, start='2010-01-01') for s in ['AAPL', 'MSFT']}
bx, ce = BacktestExplorer(px, sma_crossover_signals(px), name='SMA 10/30', threshold=0.7), ChartExplorer(st)
size = lambda fig: len(fig.out.outputs[0]['data']['text/html'])
print(f"plotly.js loader, sent once per page: {len(plotly_loader().outputs[0]['data']['text/html']) / 1e6:.2f} MB")
print('| figure | per redraw now | with plotly.js embedded | ratio |\n|---|---|---|---|')
for name, fig in (('backtest equity (2 symbols, 3 years)', bx.eq_view), ('AAPL candlestick, whole history', ce.out.children[0])):
    old = len(fig.fig.to_html(full_html=False, include_plotlyjs=True))
    print(f'| {name} | {size(fig) / 1e3:,.0f} KB | {old / 1e6:.2f} MB | {old / size(fig):.1f}× |')
