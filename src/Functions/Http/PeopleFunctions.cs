using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Who is calling, the report definitions and their contacts lists, and a round's audit export.</summary>
public sealed class PeopleFunctions(MeEndpoint me, DefinitionsEndpoint definitions, ContactsEndpoint contacts, AuditExportEndpoint audit)
{
    [Function("GetMe")]
    public IActionResult Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Me)] HttpRequest request) =>
        new ResultAction(me.Get(request));

    [Function("ListDefinitions")]
    public IActionResult Definitions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Definitions)] HttpRequest request) =>
        new ResultAction(definitions.List(request));

    [Function("ListContacts")]
    public async Task<IActionResult> ListContacts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DefinitionContacts)] HttpRequest request,
        string name) =>
        new ResultAction(await contacts.ListAsync(name, request, request.HttpContext.RequestAborted));

    [Function("PutContacts")]
    public async Task<IActionResult> PutContacts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.MinistryContacts)] HttpRequest request,
        string name,
        string ministry) =>
        new ResultAction(await contacts.PutAsync(name, ministry, request, request.HttpContext.RequestAborted));

    [Function("DeleteContacts")]
    public async Task<IActionResult> DeleteContacts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.MinistryContacts)] HttpRequest request,
        string name,
        string ministry) =>
        new ResultAction(await contacts.DeleteAsync(name, ministry, request, request.HttpContext.RequestAborted));

    [Function("ExportAudit")]
    public async Task<IActionResult> ExportAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Audit)] HttpRequest request,
        string id) =>
        new ResultAction(await audit.HandleAsync(id, request, request.HttpContext.RequestAborted));
}
