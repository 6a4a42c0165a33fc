"""Calls the unchanged mixcoatl library against the Stratus API and prints one JSON line of what
each call gave. The endpoint and keys come from the environment (DCM_ENDPOINT, DCM_ACCESS_KEY,
DCM_SECRET_KEY, REQUESTS_CA_BUNDLE), as mixcoatl reads them.

    python mixcoatl_calls.py versions
    python mixcoatl_calls.py list-servers
    python mixcoatl_calls.py launch IMAGE_ID PRODUCT_ID DATA_CENTER_ID NAME
    python mixcoatl_calls.py extend-terminate SERVER_ID MILLISECONDS
"""
import json
import sys

from mixcoatl.admin.job import Job
from mixcoatl.infrastructure.server import Server
from mixcoatl.resource import Endpoint
from mixcoatl.settings.load_settings import settings


def report(**fields):
    print(json.dumps(fields))
    sys.stdout.flush()


def main(op, args):
    if op == "versions":
        endpoint = Endpoint(url=settings.endpoint, access_key=settings.access_key,
                            secret_key=settings.secret_key, ssl_verify=settings.ssl_verify)
        report(current=endpoint.latest_api_version(),
               supported=endpoint.supported_api_versions())
    elif op == "list-servers":
        report(ids=Server.all(keys_only=True))
    elif op == "launch":
        server = Server()
        server.machine_image = int(args[0])
        server.provider_product_id = int(args[1])
        server.data_center = int(args[2])
        server.name = args[3]
        server.description = "launched by mixcoatl"
        server.budget = 1
        job_id = server.launch()
        Job.wait_for(job_id)
        job = Job(job_id)
        job.load()
        report(job=job_id, status=job.status, message=job.message)
    elif op == "extend-terminate":
        server = Server(int(args[0]))
        result = server.extend_terminate(int(args[1]))
        report(status=server.status_code, error=server.last_error, result=str(result))
    else:
        raise SystemExit("unknown operation " + op)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
