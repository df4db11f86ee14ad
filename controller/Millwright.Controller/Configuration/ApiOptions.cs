namespace Millwright.Controller.Configuration;

/// <summary>The HTTP API (configuration section "Millwright:Api").</summary>
public sealed class ApiOptions
{
    public const string Section = "Millwright:Api";

    /// <summary>Addresses Kestrel listens on, separated by ';' (e.g. "http://0.0.0.0:8080").</summary>
    public string Urls { get; set; } = "http://localhost:8080";

    /// <summary>The listen addresses one by one.</summary>
    public string[] UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
