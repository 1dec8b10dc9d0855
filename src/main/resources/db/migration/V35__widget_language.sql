-- The language an inbox fixes for its widget (inbox.WidgetLanguages); null: the visitor's browser's.
alter table inbox add column widget_language varchar(8);
