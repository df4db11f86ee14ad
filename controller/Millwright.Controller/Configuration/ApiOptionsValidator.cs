using Microsoft.Extensions.Options;

namespace Millwright.Controller.Configuration;

/// <summary>Checks <see cref="ApiOptions"/> at start; every message names its key.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var checks = new OptionChecks();
        string[] urls = options.UrlList;
        if (urls.Length == 0)
        {
            checks.Fail("Millwright:Api:Urls must list at least one address such as http://localhost:8080");
        }

        foreach (string url in urls)
        {
            // Kestrel also takes "http://*:8080" and "http://+:8080", which Uri does not parse.
            string parsed = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsed, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                checks.Fail($"Millwright:Api:Urls: '{url}' is not an http:// or https:// address");
            }
        }

        return checks.Result();
    }
}
