using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansServe.Gateway.Endpoints;

/// <summary>
/// Describes the inference request bodies in the OpenAPI document. The handlers read bodies themselves (to report
/// precise errors and accept JSON sent as text/plain), so the framework cannot infer them; declaring them with
/// <c>Accepts</c> would make routing refuse the other media types with its own 415.
/// </summary>
public static class InferenceBodyDocs
{
    public static TBuilder WithInferenceBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var json = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Open Inference Protocol request {\"id\"?, \"inputs\": [{\"name\", \"datatype\": \"BYTES\"|\"INT64\", \"shape\", \"data\"}], "
                        + "\"outputs\"?}, or {\"image\": base64}, or {\"tokens\": N}.",
                },
            };
            var binary = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = json,
                    ["text/plain"] = json,
                    ["image/jpeg"] = binary,
                    ["image/png"] = binary,
                    ["application/octet-stream"] = binary,
                    ["multipart/form-data"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
