using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MigrationAgenda.Access;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Access;

/// <summary>Reading X-MS-CLIENT-PRINCIPAL into a caller with roles, and the Auth settings, as App Service passes them.</summary>
public sealed class CallerResolverTests
{
    private static CallerResolver Resolver(AuthMode? mode = AuthMode.AppService, string[]? coordinators = null, string[]? approvers = null) =>
        new(Options.Create(new AuthOptions { Mode = mode, Coordinators = coordinators ?? [], Approvers = approvers ?? [] }));

    private static HttpRequest Request(string? principal, string? name = null, string? id = null)
    {
        var context = new DefaultHttpContext();
        if (principal is not null)
            context.Request.Headers[CallerResolver.PrincipalHeader] = principal;
        if (name is not null)
            context.Request.Headers[CallerResolver.PrincipalNameHeader] = name;
        if (id is not null)
            context.Request.Headers[CallerResolver.PrincipalIdHeader] = id;
        return context.Request;
    }

    private static string Principal(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void An_entra_principal_gives_actor_name_object_id_and_app_roles()
    {
        var (caller, error) = Resolver().Resolve(Request(ClientPrincipals.Encode("Anna.Jansen@MinJenV.example", "Anna Jansen", "ABC-123", "Coordinator", "approver")));

        Assert.Null(error);
        Assert.Equal("anna.jansen@minjenv.example", caller!.Actor);
        Assert.Equal("Anna Jansen", caller.DisplayName);
        Assert.Equal("abc-123", caller.ObjectId);
        Assert.Equal(CallerRoles.Coordinator | CallerRoles.Approver, caller.Roles);
        Assert.Equal(CallerKind.SignedIn, caller.Kind);
    }

    [Fact]
    public void Role_claims_count_under_the_principal_role_type_and_v1_claim_names()
    {
        // A v1 access token (a script's bearer token): upn, oid, and roles under the role_typ URI.
        var json = """
            {"auth_typ":"aad","name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
             "claims":[{"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn","val":"bert@minjenv.example"},
                       {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0f0f"},
                       {"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"Approver"},
                       {"typ":"roles","val":"SomethingElse"}]}
            """;
        var (caller, _) = Resolver().Resolve(Request(Principal(json)));

        Assert.Equal("bert@minjenv.example", caller!.Actor);
        Assert.Equal(CallerRoles.Approver, caller.Roles);
        // No display name claim: the address stands in.
        Assert.Equal("bert@minjenv.example", caller.DisplayName);
    }

    [Fact]
    public void Configured_lists_match_any_address_or_the_object_id_case_insensitively()
    {
        var resolver = Resolver(coordinators: ["coord@minjenv.example"], approvers: ["ffff-0001"]);
        var (byName, _) = resolver.Resolve(Request(ClientPrincipals.Encode("COORD@minjenv.example", "C", "x")));
        var (byId, _) = resolver.Resolve(Request(ClientPrincipals.Encode("someone@minjenv.example", "S", "FFFF-0001")));

        Assert.Equal(CallerRoles.Coordinator, byName!.Roles);
        Assert.Equal(CallerRoles.Approver, byId!.Roles);
    }

    [Fact]
    public void Name_and_id_headers_fill_in_what_the_claims_lack()
    {
        var (caller, _) = Resolver().Resolve(Request(Principal("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Zonder Adres"}]}"""), "Zonder@minjenv.example", "1234"));
        Assert.Equal("zonder@minjenv.example", caller!.Actor);
        Assert.Equal("1234", caller.ObjectId);

        var (byId, _) = Resolver().Resolve(Request(Principal("""{"auth_typ":"aad","claims":[]}"""), null, "ABCD"));
        Assert.Equal("oid:abcd", byId!.Actor);
    }

    [Theory]
    [InlineData(null, "niet aangemeld")]
    [InlineData("", "niet aangemeld")]
    [InlineData("%%%", "niet leesbaar")]
    [InlineData("bm90IGpzb24=", "niet leesbaar")]
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCIsImNsYWltcyI6W119", "geen gebruiker")]
    public void No_or_a_bad_principal_is_401_in_Dutch(string? header, string reason)
    {
        var (caller, error) = Resolver().Resolve(Request(header));
        Assert.Null(caller);
        var problem = Assert.IsAssignableFrom<IStatusCodeHttpResult>(error);
        Assert.Equal(StatusCodes.Status401Unauthorized, problem.StatusCode);
        Assert.Contains(reason, ((IValueHttpResult)error!).Value!.ToString() + Detail(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_mode_never_reads_the_headers()
    {
        var (caller, error) = Resolver(AuthMode.Local).Resolve(Request(ClientPrincipals.Encode("mallory@x.example", "Mallory", "m", "Coordinator")));
        Assert.Null(error);
        Assert.Same(Caller.Local, caller);
        Assert.Equal("lokaal", caller!.Actor);
        Assert.Equal(CallerRoles.Coordinator | CallerRoles.Approver, caller.Roles);
    }

    [Fact]
    public void Without_a_mode_the_resolver_fails_closed_to_app_service()
    {
        Assert.Equal(AuthMode.AppService, Resolver(mode: null).Mode);
        Assert.NotNull(Resolver(mode: null).Resolve(Request(null)).Error);
    }

    [Fact]
    public void Auth_settings_read_lists_as_arrays_or_separated_values_and_refuse_an_unknown_mode()
    {
        var options = AuthOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "local",
            ["Auth:Coordinators"] = "a@x.example, B@x.example;c@x.example",
            ["Auth:Approvers:0"] = "d@x.example",
            ["Auth:Approvers:1"] = "0000-ffff",
        }).Build());
        Assert.Equal(AuthMode.Local, options.Mode);
        Assert.Equal(["a@x.example", "b@x.example", "c@x.example"], options.Coordinators);
        Assert.Equal(["d@x.example", "0000-ffff"], options.Approvers);
        Assert.Null(AuthOptions.FromConfiguration(new ConfigurationBuilder().Build()).Mode);

        foreach (var bad in new[] { "Azure", "1", "AppService,Local" })
        {
            var e = Assert.Throws<AuthConfigurationException>(() => AuthOptions.FromConfiguration(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Mode"] = bad }).Build()));
            Assert.StartsWith("Auth:Mode:", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_policy_lets_coordinators_run_rounds_and_approvers_approve_and_names_who_may_in_Dutch()
    {
        var plan = new RoundPlanner(new DefinitionCatalog()).Plan(SampleRounds.Spec("ima-2027", DateTimeOffset.UtcNow.AddDays(10)), DateTimeOffset.UtcNow).Plan!;
        var coordinator = new Caller { Actor = "c@x.example", Email = "c@x.example", Addresses = ["c@x.example"], Roles = CallerRoles.Coordinator, Kind = CallerKind.SignedIn };
        var roundApprover = new Caller { Actor = "dg@jenv.example", Email = "dg@jenv.example", Addresses = ["dg@jenv.example"], Roles = CallerRoles.None, Kind = CallerKind.SignedIn };

        Assert.Null(AccessPolicy.Command(coordinator, RoundCommandKind.Close, plan));
        Assert.Null(AccessPolicy.Command(coordinator, RoundCommandKind.Reopen, plan));
        Assert.Contains("Alleen de goedkeurder", AccessPolicy.Command(coordinator, RoundCommandKind.Approve, plan));
        Assert.Null(AccessPolicy.Command(roundApprover, RoundCommandKind.Approve, plan));
        Assert.Null(AccessPolicy.Command(roundApprover, RoundCommandKind.Reopen, plan));
        Assert.Contains("Alleen een coördinator mag een ronde annuleren", AccessPolicy.Command(roundApprover, RoundCommandKind.Cancel, plan));

        // An approval by mail carries its actor through the same policy: the round's approver address, nothing more.
        var byMail = Caller.FromMail(" DG@jenv.example ", "DG Migratie");
        Assert.Equal("mail:dg@jenv.example", byMail.Actor);
        Assert.Null(AccessPolicy.Command(byMail, RoundCommandKind.Approve, plan));
        Assert.NotNull(AccessPolicy.Command(Caller.FromMail("ander@jenv.example"), RoundCommandKind.Approve, plan));
        Assert.NotNull(AccessPolicy.Command(byMail, RoundCommandKind.Extend, plan));
    }

    private static string Detail(IResult? result) =>
        result is IValueHttpResult { Value: Microsoft.AspNetCore.Mvc.ProblemDetails p } ? p.Detail ?? "" : "";
}
