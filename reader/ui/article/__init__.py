"""The article: the text view, its highlighter, the marker scrollbar, the find bar and the tooltips."""

from reader.ui.article.find_bar import FindBar
from reader.ui.article.highlighter import EntityHighlighter, Highlight, HighlightSpan
from reader.ui.article.marker_bar import MarkerScrollBar
from reader.ui.article.view import ArticleView

__all__ = ["ArticleView", "EntityHighlighter", "FindBar", "Highlight", "HighlightSpan", "MarkerScrollBar"]
