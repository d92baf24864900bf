#!/usr/bin/env python3
"""A client we did not write: Debian's python3-grpcio, with stubs that grpc_tools (python3-grpc-tools) generates
here from the gateway's proto. Exercises every RPC of inference.GRPCInferenceService, the error statuses, a deadline,
a cancel, a batch of images, Triton-style raw_input_contents, and parity with REST's top-k for the same images.
Prints one 'ok <check>' line per check; exits 1 at the first failure."""
import argparse, base64, json, os, struct, sys, tempfile, time, urllib.request

import grpc
from grpc_tools import protoc

args = argparse.ArgumentParser()
args.add_argument("--grpc", required=True)
args.add_argument("--rest", required=True)
args.add_argument("--proto", required=True)
args.add_argument("--images", required=True)
args = args.parse_args()

out = tempfile.mkdtemp(prefix="oip-stubs-")
include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
if protoc.main(["protoc", f"-I{os.path.dirname(args.proto)}", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}",
                os.path.basename(args.proto)]) != 0:
    sys.exit("protoc failed")
sys.path.insert(0, out)
import open_inference_grpc_pb2 as pb  # noqa: E402
import open_inference_grpc_pb2_grpc as pb_grpc  # noqa: E402

stub = pb_grpc.GRPCInferenceServiceStub(grpc.insecure_channel(args.grpc))
images = [open(os.path.join(args.images, f), "rb").read() for f in sorted(os.listdir(args.images)) if f.endswith(".JPEG")]


def check(name, condition, detail=""):
    if not condition:
        sys.exit(f"FAILED {name} {detail}")
    print(f"ok {name}", flush=True)


def status_of(call):
    try:
        call()
    except grpc.RpcError as e:
        return e.code(), dict(e.trailing_metadata() or ())
    return grpc.StatusCode.OK, {}


def image_request(model, data, k=3):
    tensor = pb.ModelInferRequest.InferInputTensor(name="image", datatype="BYTES", shape=[len(data)],
                                                   contents=pb.InferTensorContents(bytes_contents=data))
    output = pb.ModelInferRequest.InferRequestedOutputTensor(name="classification", parameters={"classification": pb.InferParameter(int64_param=k)})
    return pb.ModelInferRequest(model_name=model, inputs=[tensor], outputs=[output])


def tokens_request(model, tokens):
    tensor = pb.ModelInferRequest.InferInputTensor(name="tokens", datatype="INT64", shape=[len(tokens)],
                                                   contents=pb.InferTensorContents(int64_contents=tokens))
    return pb.ModelInferRequest(model_name=model, inputs=[tensor])


def rest_top_k(data, k):
    body = {"inputs": [{"name": "image", "datatype": "BYTES", "shape": [len(data)], "data": [base64.b64encode(d).decode() for d in data]}],
            "outputs": [{"name": "classification", "parameters": {"classification": k}}]}
    request = urllib.request.Request(f"{args.rest}/v2/models/mobilenetv2/infer", json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["outputs"][0]["data"]


classes = lambda strings: [s.split(":", 1)[1] for s in strings]  # noqa: E731 "index:label", without the score

check("ServerLive", stub.ServerLive(pb.ServerLiveRequest()).live)
check("ServerReady", stub.ServerReady(pb.ServerReadyRequest()).ready)
meta = stub.ServerMetadata(pb.ServerMetadataRequest())
check("ServerMetadata", meta.name == "orleansserve" and "classification" in meta.extensions, str(meta))
check("ModelReady", stub.ModelReady(pb.ModelReadyRequest(name="mobilenetv2")).ready)
model = stub.ModelMetadata(pb.ModelMetadataRequest(name="mobilenetv2"))
check("ModelMetadata", model.platform == "onnx_onnxv1" and model.inputs[0].datatype == "BYTES", str(model))

answer = stub.ModelInfer(image_request("mobilenetv2", images))
grpc_top = [b.decode() for b in answer.outputs[0].contents.bytes_contents]
check("ModelInfer batch of images", list(answer.outputs[0].shape) == [len(images), 3], str(answer.outputs[0].shape))
check("parity with REST", classes(grpc_top) == classes(rest_top_k(images, 3)), str(grpc_top))
check("Egyptian cat", any("Egyptian cat" in c for c in grpc_top[3:4]), str(grpc_top))

raw = pb.ModelInferRequest(model_name="mobilenetv2", inputs=[pb.ModelInferRequest.InferInputTensor(name="image", datatype="BYTES", shape=[len(images)])],
                           outputs=[pb.ModelInferRequest.InferRequestedOutputTensor(name="classification", parameters={"classification": pb.InferParameter(int64_param=3)})],
                           raw_input_contents=[b"".join(struct.pack("<I", len(i)) + i for i in images)])
packed, raw_top = stub.ModelInfer(raw).raw_output_contents[0], []
while packed:
    (length,) = struct.unpack_from("<I", packed)
    raw_top.append(packed[4:4 + length].decode())
    packed = packed[4 + length:]
check("raw_input_contents in, raw_output_contents out", classes(raw_top) == classes(grpc_top), str(raw_top))

check("ModelInfer tokens", list(stub.ModelInfer(tokens_request("B", [5, 6, 7])).outputs[0].contents.int64_contents) == [5, 6, 7])
check("NOT_FOUND", status_of(lambda: stub.ModelInfer(tokens_request("no-such-model", [1])))[0] == grpc.StatusCode.NOT_FOUND)
check("INVALID_ARGUMENT", status_of(lambda: stub.ModelInfer(image_request("mobilenetv2", [b"not an image"])))[0] == grpc.StatusCode.INVALID_ARGUMENT)
code, trailers = status_of(lambda: stub.ModelInfer(tokens_request("C", [1])))
check("UNAVAILABLE with retry-after", code == grpc.StatusCode.UNAVAILABLE and trailers.get("retry-after") == "1", f"{code} {trailers}")

code, _ = status_of(lambda: stub.ModelInfer(tokens_request("D", [3000]), timeout=0.3))
check("DEADLINE_EXCEEDED", code == grpc.StatusCode.DEADLINE_EXCEEDED, str(code))

future = stub.ModelInfer.future(tokens_request("D", [3000]))
time.sleep(0.3)
future.cancel()
check("cancel", future.cancelled() or future.exception().code() == grpc.StatusCode.CANCELLED)
check("serves after a cancel", stub.ModelInfer(tokens_request("echo", [1]), timeout=30).outputs[0].contents.int64_contents == [1])
