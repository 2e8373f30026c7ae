namespace MigrationAgenda.Letters;

/// <summary>
/// The fixed parts of page 1 and the running side column (LETTER.md, "Structure of the letter").
/// Values come from the report definition and the round, never from code, except the standard
/// reply instruction that every letter of this house style carries.
/// </summary>
public sealed record LetterHeader
{
    /// <summary>The standard instruction printed under "Ons kenmerk" in the side column of page 1.</summary>
    public const string DefaultReplyInstruction =
        "Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen.";

    public string ReturnAddress { get; init; } = "";
    public IReadOnlyList<string> Addressee { get; init; } = [];
    public IReadOnlyList<string> SenderOrganisation { get; init; } = [];
    public IReadOnlyList<string> SenderAddress { get; init; } = [];
    public string Website { get; init; } = "";
    /// <summary>"Ons kenmerk"; empty when the round has none yet.</summary>
    public string Reference { get; init; } = "";
    public required DateOnly Date { get; init; }
    /// <summary>The date as printed, in Dutch ("11 januari 2021").</summary>
    public required string DateText { get; init; }
    public required string Subject { get; init; }
    public string ReplyInstruction { get; init; } = DefaultReplyInstruction;
}
