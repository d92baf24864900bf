using System.Buffers.Binary;
using Google.Protobuf;
using OrleansServe.Engine;
using OrleansServe.Gateway.Inference;
using OrleansServe.Gateway.Protocol;
using Oip = Inference;

namespace OrleansServe.Gateway.Grpc;

/// <summary>
/// The protobuf forms of the responses the REST path builds (<see cref="OipResponseBuilder"/>,
/// <see cref="OipModelMetadata"/>), converted rather than built again, so both transports answer alike.
/// </summary>
internal static class GrpcResponses
{
    /// <summary>
    /// A served request as <c>ModelInferResponse</c>. Outputs go in <c>raw_output_contents</c> when the request sent
    /// <c>raw_input_contents</c> (Triton's clients read only those), else in each tensor's typed <c>contents</c>.
    /// </summary>
    public static Oip.ModelInferResponse Infer(InferenceRun run, string? version, bool raw)
    {
        var tokens = run.Request.Items.Select(i => i.Tokens).ToList();
        var built = OipResponseBuilder.Build(run.Model.Name, string.IsNullOrEmpty(version) ? null : version, run.Request.Id ?? run.Responses[0].Id,
            run.Model.IsImageModel, run.Request.Outputs, run.Responses, tokens, run.TotalMs);
        var response = new Oip.ModelInferResponse { ModelName = built.ModelName, ModelVersion = built.ModelVersion ?? "", Id = built.Id };
        foreach (var (key, value) in built.Parameters)
        {
            response.Parameters[key] = Parameter(value);
        }
        foreach (var output in built.Outputs)
        {
            var tensor = new Oip.ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = output.Datatype };
            tensor.Shape.Add(output.Shape);
            if (raw)
            {
                response.RawOutputContents.Add(RawContents(output));
            }
            else
            {
                tensor.Contents = Contents(output);
            }
            response.Outputs.Add(tensor);
        }
        return response;
    }

    public static Oip.ModelMetadataResponse Metadata(ModelManifest model)
    {
        var meta = OipModelMetadata.From(model, Endpoints.InferenceApi.Version);
        var response = new Oip.ModelMetadataResponse { Name = meta.Name, Platform = meta.Platform };
        response.Versions.Add(meta.Versions);
        response.Inputs.Add(meta.Inputs.Select(Tensor));
        response.Outputs.Add(meta.Outputs.Select(Tensor));
        response.Properties.Add(meta.Properties.ToDictionary());
        return response;
    }

    public static Oip.ServerMetadataResponse ServerMetadata()
    {
        var meta = Endpoints.ModelsApi.ServerMetadata();
        var response = new Oip.ServerMetadataResponse { Name = meta.Name, Version = meta.Version };
        response.Extensions.Add(meta.Extensions);
        return response;
    }

    private static Oip.ModelMetadataResponse.Types.TensorMetadata Tensor(OipMetadataTensor tensor)
    {
        var metadata = new Oip.ModelMetadataResponse.Types.TensorMetadata { Name = tensor.Name, Datatype = tensor.Datatype };
        metadata.Shape.Add(tensor.Shape);
        return metadata;
    }

    private static Oip.InferParameter Parameter(object value) => value switch
    {
        string s => new Oip.InferParameter { StringParam = s },
        int i => new Oip.InferParameter { Int64Param = i },
        long l => new Oip.InferParameter { Int64Param = l },
        double d => new Oip.InferParameter { DoubleParam = d },
        bool b => new Oip.InferParameter { BoolParam = b },
        _ => new Oip.InferParameter { StringParam = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" },
    };

    private static Oip.InferTensorContents Contents(OipOutput output)
    {
        var contents = new Oip.InferTensorContents();
        switch (output.Datatype)
        {
            case OipTensorNames.Bytes:
                contents.BytesContents.Add(output.Data.Select(d => ByteString.CopyFromUtf8((string)d)));
                break;
            case OipTensorNames.Fp32:
                contents.Fp32Contents.Add(output.Data.Select(Convert.ToSingle));
                break;
            default:
                contents.Int64Contents.Add(output.Data.Select(Convert.ToInt64));
                break;
        }
        return contents;
    }

    /// <summary>The tensor packed as the protocol's raw form: little-endian values; BYTES as (uint32 length, bytes)*.</summary>
    private static ByteString RawContents(OipOutput output)
    {
        using var stream = new MemoryStream();
        Span<byte> scalar = stackalloc byte[8];
        foreach (var value in output.Data)
        {
            switch (output.Datatype)
            {
                case OipTensorNames.Bytes:
                    var text = System.Text.Encoding.UTF8.GetBytes((string)value);
                    BinaryPrimitives.WriteUInt32LittleEndian(scalar, (uint)text.Length);
                    stream.Write(scalar[..4]);
                    stream.Write(text);
                    break;
                case OipTensorNames.Fp32:
                    BinaryPrimitives.WriteSingleLittleEndian(scalar, Convert.ToSingle(value));
                    stream.Write(scalar[..4]);
                    break;
                default:
                    BinaryPrimitives.WriteInt64LittleEndian(scalar, Convert.ToInt64(value));
                    stream.Write(scalar);
                    break;
            }
        }
        return ByteString.CopyFrom(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
