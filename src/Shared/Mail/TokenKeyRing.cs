namespace MigrationAgenda.Mail;

/// <summary>The reply-token signing keys by id: <see cref="CurrentId"/> signs, every key in <see cref="Keys"/> verifies.</summary>
public sealed record TokenKeyRing(char CurrentId, IReadOnlyDictionary<char, byte[]> Keys);
