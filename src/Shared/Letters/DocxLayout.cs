namespace MigrationAgenda.Letters;

/// <summary>
/// Page geometry of the DOCX letter, in twips (1/1440 inch). A4 with a wide right margin that holds
/// the side column, as on the Rijksoverheid letter: the body text never runs under the column.
/// </summary>
internal static class DocxLayout
{
    public const int PageWidth = 11906;   // 210 mm
    public const int PageHeight = 16838;  // 297 mm
    public const int MarginTop = 1701;    // 30 mm
    public const int MarginBottom = 1418; // 25 mm
    public const int MarginLeft = 1588;   // 28 mm
    public const int MarginRight = 3515;  // 62 mm: column plus gutter
    public const int HeaderDistance = 709;
    public const int FooterDistance = 567;

    /// <summary>The side column's left edge and width, measured from the page's left edge.</summary>
    public const int ColumnX = PageWidth - MarginRight + 340;
    public const int ColumnWidth = PageWidth - ColumnX - 454;
    /// <summary>Page 1's column starts level with the addressee block; later pages level with the text.</summary>
    public const int FirstPageColumnY = 2835;
    public const int LaterPageColumnY = MarginTop;

    /// <summary>Space above the return address on page 1, so the addressee sits in an envelope window.</summary>
    public const int AddresseeOffset = 1134;
}
