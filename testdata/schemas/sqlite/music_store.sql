-- A music store in the style of the Chinook sample: bracket-quoted names,
-- NVARCHAR and NUMERIC(10,2) types, named and unnamed primary keys, a
-- self-referencing employee hierarchy, composite keys, indexes on every
-- foreign key, a trigger keeping invoice totals, and a view on a view.

CREATE TABLE [Artist] (
	[ArtistId] INTEGER NOT NULL,
	[Name] NVARCHAR(120),
	CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId])
);

CREATE TABLE [Album] (
	[AlbumId] INTEGER NOT NULL,
	[Title] NVARCHAR(160) NOT NULL,
	[ArtistId] INTEGER NOT NULL,
	CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]),
	FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) ON DELETE NO ACTION ON UPDATE NO ACTION
);

CREATE TABLE [Genre] ([GenreId] INTEGER PRIMARY KEY, [Name] NVARCHAR(120));
CREATE TABLE [MediaType] ([MediaTypeId] INTEGER PRIMARY KEY, [Name] NVARCHAR(120));

CREATE TABLE [Track] (
	[TrackId] INTEGER NOT NULL,
	[Name] NVARCHAR(200) NOT NULL,
	[AlbumId] INTEGER,
	[MediaTypeId] INTEGER NOT NULL,
	[GenreId] INTEGER,
	[Composer] NVARCHAR(220),
	[Milliseconds] INTEGER NOT NULL CHECK ([Milliseconds] > 0),
	[Bytes] INTEGER,
	[UnitPrice] NUMERIC(10,2) NOT NULL DEFAULT 0.99,
	CONSTRAINT [PK_Track] PRIMARY KEY ([TrackId]),
	CONSTRAINT [FK_TrackAlbumId] FOREIGN KEY ([AlbumId]) REFERENCES [Album] ([AlbumId]),
	FOREIGN KEY ([GenreId]) REFERENCES [Genre] ([GenreId]),
	FOREIGN KEY ([MediaTypeId]) REFERENCES [MediaType] ([MediaTypeId])
);

CREATE TABLE [Employee] (
	[EmployeeId] INTEGER NOT NULL,
	[LastName] NVARCHAR(20) NOT NULL,
	[FirstName] NVARCHAR(20) NOT NULL,
	[Title] NVARCHAR(30),
	[ReportsTo] INTEGER,
	[BirthDate] DATETIME,
	[HireDate] DATETIME,
	[Email] NVARCHAR(60) COLLATE NOCASE,
	CONSTRAINT [PK_Employee] PRIMARY KEY ([EmployeeId]),
	FOREIGN KEY ([ReportsTo]) REFERENCES [Employee] ([EmployeeId])
);

CREATE TABLE [Customer] (
	[CustomerId] INTEGER NOT NULL,
	[FirstName] NVARCHAR(40) NOT NULL,
	[LastName] NVARCHAR(20) NOT NULL,
	[Company] NVARCHAR(80),
	[Country] NVARCHAR(40),
	[Email] NVARCHAR(60) NOT NULL UNIQUE,
	[SupportRepId] INTEGER,
	CONSTRAINT [PK_Customer] PRIMARY KEY ([CustomerId]),
	FOREIGN KEY ([SupportRepId]) REFERENCES [Employee] ([EmployeeId])
);

CREATE TABLE [Invoice] (
	[InvoiceId] INTEGER NOT NULL,
	[CustomerId] INTEGER NOT NULL,
	[InvoiceDate] DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	[BillingCountry] NVARCHAR(40),
	[Total] NUMERIC(10,2) NOT NULL DEFAULT 0,
	CONSTRAINT [PK_Invoice] PRIMARY KEY ([InvoiceId]),
	FOREIGN KEY ([CustomerId]) REFERENCES [Customer] ([CustomerId])
);

CREATE TABLE [InvoiceLine] (
	[InvoiceLineId] INTEGER NOT NULL,
	[InvoiceId] INTEGER NOT NULL,
	[TrackId] INTEGER NOT NULL,
	[UnitPrice] NUMERIC(10,2) NOT NULL,
	[Quantity] INTEGER NOT NULL,
	CONSTRAINT [PK_InvoiceLine] PRIMARY KEY ([InvoiceLineId]),
	FOREIGN KEY ([InvoiceId]) REFERENCES [Invoice] ([InvoiceId]) ON DELETE CASCADE,
	FOREIGN KEY ([TrackId]) REFERENCES [Track] ([TrackId])
);

CREATE TABLE [Playlist] ([PlaylistId] INTEGER NOT NULL, [Name] NVARCHAR(120), CONSTRAINT [PK_Playlist] PRIMARY KEY ([PlaylistId]));

CREATE TABLE [PlaylistTrack] (
	[PlaylistId] INTEGER NOT NULL,
	[TrackId] INTEGER NOT NULL,
	CONSTRAINT [PK_PlaylistTrack] PRIMARY KEY ([PlaylistId], [TrackId]),
	FOREIGN KEY ([PlaylistId]) REFERENCES [Playlist] ([PlaylistId]),
	FOREIGN KEY ([TrackId]) REFERENCES [Track] ([TrackId])
) WITHOUT ROWID;

CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);
CREATE INDEX [IFK_TrackAlbumId] ON [Track] ([AlbumId]);
CREATE INDEX [IFK_TrackGenreId] ON [Track] ([GenreId]);
CREATE INDEX [IFK_TrackMediaTypeId] ON [Track] ([MediaTypeId]);
CREATE INDEX [IFK_EmployeeReportsTo] ON [Employee] ([ReportsTo]);
CREATE INDEX [IFK_CustomerSupportRepId] ON [Customer] ([SupportRepId]);
CREATE INDEX [IFK_InvoiceCustomerId] ON [Invoice] ([CustomerId]);
CREATE INDEX [IFK_InvoiceLineInvoiceId] ON [InvoiceLine] ([InvoiceId]);
CREATE INDEX [IFK_InvoiceLineTrackId] ON [InvoiceLine] ([TrackId]);
CREATE INDEX [IFK_PlaylistTrackTrackId] ON [PlaylistTrack] ([TrackId]);
CREATE INDEX [IX_TrackName] ON [Track] ([Name] COLLATE NOCASE);

CREATE TRIGGER [InvoiceLine_total_ai] AFTER INSERT ON [InvoiceLine]
BEGIN
	UPDATE [Invoice] SET [Total] = [Total] + NEW.[UnitPrice] * NEW.[Quantity] WHERE [InvoiceId] = NEW.[InvoiceId];
END;

CREATE TRIGGER [InvoiceLine_total_ad] AFTER DELETE ON [InvoiceLine]
BEGIN
	UPDATE [Invoice] SET [Total] = [Total] - OLD.[UnitPrice] * OLD.[Quantity] WHERE [InvoiceId] = OLD.[InvoiceId];
END;

CREATE VIEW [TrackSales] AS
	SELECT t.[TrackId], t.[Name], SUM(il.[Quantity]) AS [Sold]
	FROM [Track] t JOIN [InvoiceLine] il ON il.[TrackId] = t.[TrackId]
	GROUP BY t.[TrackId];

CREATE VIEW [BestSellers] AS SELECT * FROM [TrackSales] WHERE [Sold] >= 10;
