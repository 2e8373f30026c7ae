namespace MigrationAgenda.UnitTests.Letters;

/// <summary>
/// A binary greyscale PGM ("P5") as written by `pdftoppm -gray`: a trivial format, so the render test
/// can look at pixels without an image library.
/// </summary>
internal sealed record Pgm(int Width, int Height, int MaxValue, byte[] Pixels)
{
    public static Pgm Read(byte[] data)
    {
        var position = 0;
        string Token()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)data[position]))
                    position++;
                if (data[position] != '#')
                    break;
                while (data[position] != '\n')
                    position++;
            }
            var start = position;
            while (!char.IsWhiteSpace((char)data[position]))
                position++;
            return System.Text.Encoding.ASCII.GetString(data, start, position - start);
        }

        if (Token() != "P5")
            throw new InvalidDataException("not a binary PGM");
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        var max = int.Parse(Token());
        if (max > 255)
            throw new InvalidDataException("16-bit PGM not expected");
        position++; // the single whitespace after the header
        return new Pgm(width, height, max, data[position..(position + width * height)]);
    }

    /// <summary>Share of pixels darker than half grey: ink on the page.</summary>
    public double InkRatio() => Pixels.Count(p => p < MaxValue / 2) / (double)Pixels.Length;

    /// <summary>Share of dark pixels in a horizontal band of columns (0..1 of the width).</summary>
    public double InkRatio(double fromX, double toX)
    {
        int x0 = (int)(Width * fromX), x1 = (int)(Width * toX), dark = 0;
        for (var y = 0; y < Height; y++)
            for (var x = x0; x < x1; x++)
                if (Pixels[y * Width + x] < MaxValue / 2)
                    dark++;
        return dark / (double)((x1 - x0) * Height);
    }
}
