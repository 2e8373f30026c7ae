using Microsoft.Extensions.Configuration;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;

namespace MigrationAgenda.UnitTests.Mail;

public sealed class ReplyTokenTests
{
    private const string Key = "test-signing-key-0123456789-abcdefghijklmnop";
    private static readonly DateTimeOffset Issued = new(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);

    private static ReplyToken Tokens(string key = Key, TimeSpan? lifetime = null) =>
        new(new TokenOptions { SigningKey = key, Lifetime = lifetime ?? TimeSpan.FromDays(180) }, new MailOptions());

    [Fact]
    public void Issued_token_round_trips_with_its_fields()
    {
        var token = Tokens().Issue("ima-2021", "SZW", 3, Issued);

        var check = Tokens().Validate(token, Issued.AddHours(1));

        Assert.True(check.IsValid, check.English);
        Assert.Equal(new ReplyTokenData("ima-2021", "szw", 3, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), check.Token);
    }

    [Fact]
    public void Token_is_readable_lower_case_and_carries_at_least_64_bits_of_mac()
    {
        var token = Tokens().Issue("ima-2021", "JenV", 1, Issued);

        Assert.StartsWith("ima-2021.jenv.1.", token);
        Assert.Equal(token.ToLowerInvariant(), token);
        var last = token.Split('.')[^1];
        Assert.Equal(TokenOptions.DefaultKeyId[0], last[0]); // the key id, then the mac
        var mac = last[1..];
        Assert.True(mac.Length * 5 >= 64, $"mac '{mac}' has only {mac.Length * 5} bits");
        Assert.Matches("^[a-z2-7]+$", mac);
    }

    [Fact]
    public void Reply_address_uses_the_inbound_domain()
    {
        var address = Tokens().ReplyAddress("ima-2021", "BZ", 1, Issued);

        Assert.Matches(@"^reply\+ima-2021\.bz\.1\.[0-9a-z]+\.a[a-z2-7]{13}@inbound\.migratieagenda\.example$", address);
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("upper")]
    [InlineData("display")]
    [InlineData("angle")]
    public void Address_validates_after_case_changes_and_with_display_name(string form)
    {
        var address = Tokens().ReplyAddress("ima-2021", "BHOS", 2, Issued);
        var input = form switch
        {
            "lower" => address.ToLowerInvariant(),
            "upper" => address.ToUpperInvariant(),
            "display" => $"\"Integrale Migratieagenda\" <{address.Replace("reply+", "Reply+")}>",
            _ => $"<{address}>",
        };

        var check = Tokens().Validate(input, Issued);

        Assert.True(check.IsValid, $"{input}: {check.English}");
        Assert.Equal("bhos", check.Token!.Ministry);
        Assert.Equal(2, check.Token.Version);
    }

    [Theory]
    [InlineData(0, "ima-2022")] // round
    [InlineData(1, "bz")]       // ministry
    [InlineData(2, "2")]        // version
    [InlineData(3, "zz")]       // issue day
    public void Altered_field_is_a_bad_signature(int field, string replacement)
    {
        var parts = Tokens().Issue("ima-2021", "SZW", 1, Issued).Split('.');
        Assert.NotEqual(replacement, parts[field]);
        parts[field] = replacement;

        var check = Tokens().Validate(string.Join('.', parts), Issued);

        Assert.Equal(ReplyTokenFailure.BadSignature, check.Failure);
        Assert.False(check.IsValid);
        Assert.Null(check.Token);
    }

    [Fact]
    public void Altered_signature_is_a_bad_signature()
    {
        var token = Tokens().Issue("ima-2021", "SZW", 1, Issued);
        var altered = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');

        Assert.Equal(ReplyTokenFailure.BadSignature, Tokens().Validate(altered, Issued).Failure);
    }

    [Fact]
    public void Token_from_another_key_is_a_bad_signature()
    {
        var forged = Tokens("another-key-of-sufficient-length-0123456789").Issue("ima-2021", "SZW", 1, Issued);

        Assert.Equal(ReplyTokenFailure.BadSignature, Tokens().Validate(forged, Issued).Failure);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("reply+garbage@inbound.migratieagenda.example")]
    [InlineData("ima-2021.szw.1.k3f")]
    [InlineData("ima-2021.szw.x.k3f.abcdefghijklm")]
    [InlineData("ima-2021.szw.1.k3f.abcdefghijkl")]
    [InlineData("ima_2021.szw.1.k3f.abcdefghijklm")]
    public void Garbage_is_malformed(string input) =>
        Assert.Equal(ReplyTokenFailure.Malformed, Tokens().Validate(input, Issued).Failure);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("migratie@bz.example")]
    [InlineData("Beleid <migratie@bz.example>")]
    public void No_token_is_missing(string? input) =>
        Assert.Equal(ReplyTokenFailure.Missing, Tokens().Validate(input, Issued).Failure);

    [Fact]
    public void Token_expires_after_its_lifetime_but_not_before()
    {
        var tokens = Tokens(lifetime: TimeSpan.FromDays(30));
        var token = tokens.Issue("ima-2021", "SZW", 1, Issued);

        Assert.True(tokens.Validate(token, Issued.AddDays(30)).IsValid);
        var late = tokens.Validate(token, Issued.AddDays(32));
        Assert.Equal(ReplyTokenFailure.Expired, late.Failure);
        Assert.Equal("ima-2021", late.Token?.RoundId); // authentic, so the sender can be told which request
        Assert.Equal(IntakeReasonCode.TokenExpired, IntakeReason.ForToken(late).Code);
        Assert.Contains("verlopen", IntakeWording.For(IntakeReason.ForToken(late)));
    }

    [Fact]
    public void Longest_allowed_fields_fit_an_email_local_part()
    {
        var round = "r-" + new string('x', 21) + "9";
        Assert.Equal(24, round.Length);

        var address = Tokens().ReplyAddress(round, "ABCDEFGHIJ", ReplyToken.MaxVersion, new DateTimeOffset(2099, 12, 31, 0, 0, 0, TimeSpan.Zero));
        var localPart = address[..address.IndexOf('@')];

        Assert.True(localPart.Length <= 64, $"{localPart} is {localPart.Length} characters");
        Assert.True(Tokens().Validate(address, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)).IsValid);
    }

    [Theory]
    [InlineData("ima-2021-with-a-much-too-long-id", "SZW", 1)]
    [InlineData("ima.2021", "SZW", 1)]
    [InlineData("ima-2021", "S.ZW", 1)]
    [InlineData("ima-2021", "SZW", 0)]
    [InlineData("ima-2021", "SZW", 1000)]
    public void Issue_refuses_what_cannot_round_trip(string round, string ministry, int version) =>
        Assert.ThrowsAny<ArgumentException>(() => Tokens().Issue(round, ministry, version, Issued));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-key")]
    public void Missing_or_short_key_names_the_setting(string? key)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ReplyToken(new TokenOptions { SigningKey = key }, new MailOptions()));
        Assert.Contains("Tokens:SigningKey", ex.Message);
    }

    [Fact]
    public void FindTokens_reads_tokens_out_of_address_headers()
    {
        var a = Tokens().ReplyAddress("ima-2021", "SZW", 1, Issued);
        var b = Tokens().ReplyAddress("ima-2021", "BZK", 1, Issued);

        var found = ReplyToken.FindTokens(["coordinator@jenv.example", $"\"IMA\" <{a.ToUpperInvariant()}>, {b}", a, null]).ToList();

        Assert.Equal([a[6..a.IndexOf('@')], b[6..b.IndexOf('@')]], found);
    }

    // ---- Key ring: rotating the signing key keeps the reply addresses already sent working ----

    private const string PreviousKey = "previous-signing-key-0123456789-abcdefghij";
    private const string NewKey = "new-signing-key-0123456789-abcdefghijklmnop";

    private static ReplyToken Ring(string keyId, string key, params (string Id, string Key)[] previous) =>
        new(new TokenOptions { KeyId = keyId, SigningKey = key, PreviousKeys = previous.ToDictionary(p => p.Id, p => p.Key) }, new MailOptions());

    // Issued by the code before key ids existed (same keys and fields as above); such addresses are in mailboxes today.
    private const string LegacyWithKey = "ima-2021.szw.1.1y6.gf6lupbu3v3n6";
    private const string LegacyWithPreviousKey = "ima-2021.bzk.2.1y6.7fskvjqxkds75";

    [Fact]
    public void New_tokens_carry_the_current_key_id()
    {
        var token = Ring("b", NewKey, ("a", Key)).Issue("ima-2021", "SZW", 1, Issued);

        Assert.Equal('b', token.Split('.')[^1][0]);
        Assert.True(Ring("b", NewKey, ("a", Key)).Validate(token, Issued).IsValid);
    }

    [Fact]
    public void Token_signed_with_a_previous_key_is_accepted_after_the_rotation()
    {
        var beforeRotation = Ring("a", Key).Issue("ima-2021", "SZW", 1, Issued);

        var check = Ring("b", NewKey, ("a", Key)).Validate(beforeRotation, Issued.AddDays(20));

        Assert.True(check.IsValid, check.English);
        Assert.Equal(new ReplyTokenData("ima-2021", "szw", 1, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), check.Token);
    }

    [Fact]
    public void Previous_key_still_expires_its_tokens_on_time()
    {
        var beforeRotation = Ring("a", Key).Issue("ima-2021", "SZW", 1, Issued);

        var check = Ring("b", NewKey, ("a", Key)).Validate(beforeRotation, Issued.AddDays(200));

        Assert.Equal(ReplyTokenFailure.Expired, check.Failure);
    }

    [Fact]
    public void Token_signed_with_a_removed_key_is_refused_with_its_own_reason()
    {
        var signedWithA = Ring("a", Key).Issue("ima-2021", "SZW", 1, Issued);

        var check = Ring("c", NewKey, ("b", PreviousKey)).Validate(signedWithA, Issued.AddDays(1));

        Assert.Equal(ReplyTokenFailure.RetiredKey, check.Failure);
        Assert.Null(check.Token); // nothing in it can be verified, so nothing is passed on
        var reason = IntakeReason.ForToken(check);
        Assert.Equal(IntakeReasonCode.TokenRetired, reason.Code);
        Assert.Contains("ingetrokken", IntakeWording.For(reason), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")] // the key it was signed with, when it was the current one
    [InlineData("b")] // after a rotation, the same key as a previous one
    public void Token_from_before_key_ids_is_accepted(string rotation)
    {
        var tokens = rotation == "a" ? Ring("a", Key) : Ring("b", NewKey, ("a", Key));

        var check = tokens.Validate($"reply+{LegacyWithKey}@inbound.migratieagenda.example", Issued.AddDays(3));

        Assert.True(check.IsValid, check.English);
        Assert.Equal(new ReplyTokenData("ima-2021", "szw", 1, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), check.Token);
        Assert.True(Ring("c", NewKey, ("q", PreviousKey)).Validate(LegacyWithPreviousKey, Issued).IsValid);
    }

    [Fact]
    public void Token_from_before_key_ids_with_no_matching_key_is_a_bad_signature() =>
        Assert.Equal(ReplyTokenFailure.BadSignature, Ring("b", NewKey, ("a", PreviousKey)).Validate(LegacyWithKey, Issued).Failure);

    [Theory]
    [InlineData("a", ReplyTokenFailure.BadSignature)] // another key in the ring
    [InlineData("z", ReplyTokenFailure.RetiredKey)]   // an id the ring does not hold
    [InlineData("", ReplyTokenFailure.BadSignature)]  // stripped: posing as a token from before key ids
    public void Altered_key_id_is_refused(string kid, ReplyTokenFailure expected)
    {
        var tokens = Ring("b", NewKey, ("a", Key));
        var parts = tokens.Issue("ima-2021", "SZW", 1, Issued).Split('.');
        parts[^1] = kid + parts[^1][1..];

        var check = tokens.Validate(string.Join('.', parts), Issued);

        Assert.Equal(expected, check.Failure);
        Assert.Null(check.Token);
    }

    [Fact]
    public void Key_ring_binds_from_configuration_keys_and_ignores_id_case()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tokens:SigningKey"] = NewKey,
            ["Tokens:KeyId"] = "B",
            ["Tokens:PreviousKeys:A"] = Key, // as Tokens__PreviousKeys__A arrives from an app setting
        }).Build();
        var options = configuration.GetSection(TokenOptions.Section).Get<TokenOptions>()!;

        var ring = options.KeyRing();

        Assert.Equal('b', ring.CurrentId);
        Assert.Equal(['a', 'b'], ring.Keys.Keys.Order());
        var token = Ring("a", Key).Issue("ima-2021", "SZW", 1, Issued);
        Assert.True(new ReplyToken(options, new MailOptions()).Validate(token, Issued).IsValid);
    }

    [Theory]
    [InlineData("ab", null, "Tokens:KeyId")]                                     // ids are one character
    [InlineData("b", "b", "Tokens:PreviousKeys:b")]                              // the current id again
    [InlineData("b", "-", "Tokens:PreviousKeys:-")]                              // not a letter or digit
    [InlineData("b", "a=short", "Tokens:PreviousKeys:a is too short")]
    [InlineData("b", "a=@Microsoft.KeyVault(VaultName=kv;SecretName=token-signing-key-a)", "Tokens:PreviousKeys:a is an unresolved Key Vault reference")]
    public void Bad_key_ring_settings_are_refused_naming_the_setting(string keyId, string? previous, string expected)
    {
        var previousKeys = new Dictionary<string, string>();
        if (previous is not null)
        {
            var (id, key) = previous.Contains('=') ? (previous.Split('=', 2)[0], previous.Split('=', 2)[1]) : (previous, PreviousKey);
            previousKeys[id] = key;
        }

        var ex = Assert.Throws<InvalidOperationException>(() =>
            new ReplyToken(new TokenOptions { KeyId = keyId, SigningKey = NewKey, PreviousKeys = previousKeys }, new MailOptions()));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolved_key_vault_reference_as_the_current_key_is_refused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Tokens("@Microsoft.KeyVault(VaultName=kv;SecretName=token-signing-key)"));
        Assert.Contains("Tokens:SigningKey is an unresolved Key Vault reference", ex.Message, StringComparison.Ordinal);
    }
}
