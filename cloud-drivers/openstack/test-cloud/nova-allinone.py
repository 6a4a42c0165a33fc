#!/usr/bin/python3
"""nova-api(osapi_compute) + conductor + scheduler + compute in ONE process, so they
can use oslo.messaging's in-process fake:// transport (no RabbitMQ). The hypervisor is Nova's
fake.FakeDriver, with a snapshot that uploads an image (snapshot_uploads)."""
import nova.monkey_patch  # noqa: must be first (eventlet)
import sys
from oslo_log import log as logging
from oslo_service import service as os_service
import io
import nova.conf
from nova import config, exception, objects, rpc, service
from nova.compute import task_states
from nova.image import glance
from nova.virt import fake
CONF = nova.conf.CONF


def snapshot_uploads(self, context, instance, image_id, update_task_state):
    """Nova's FakeDriver.snapshot only sets the task state, leaving the image 'queued' in Glance
    for ever. This one does what the libvirt driver does after copying the disk: it uploads the
    (here: 64 KiB of zeros) disk to the image Nova created, so the image turns 'active' and can
    be launched, as a captured image is on a real cloud."""
    if instance.uuid not in self.instances:
        raise exception.InstanceNotRunning(instance_id=instance.uuid)
    update_task_state(task_state=task_states.IMAGE_PENDING_UPLOAD)
    update_task_state(task_state=task_states.IMAGE_UPLOADING,
                      expected_state=task_states.IMAGE_PENDING_UPLOAD)
    metadata = {'disk_format': 'raw', 'container_format': 'bare'}
    glance.API().update(context, image_id, metadata, io.BytesIO(b'\0' * 65536),
                        purge_props=False)

def main():
    config.parse_args(sys.argv)          # includes rpc.init(CONF) -> rpc.TRANSPORT
    logging.setup(CONF, 'nova')
    objects.register_all()
    fake.FakeDriver.snapshot = snapshot_uploads
    # each fake:// Transport object is a private bus; cell-targeted RPC builds a new
    # transport from the cell mapping URL -> collapse onto the one global bus
    # (same trick as nova's functional-test RPCFixture)
    rpc.create_transport = lambda url: rpc.TRANSPORT
    objects.Service.enable_min_version_cache()
    launcher = os_service.ServiceLauncher(CONF, restart_method='mutate')
    for binary, topic in (('nova-conductor', 'conductor'), ('nova-scheduler', 'scheduler'),
                          ('nova-compute', 'compute')):
        launcher.launch_service(service.Service.create(binary=binary, topic=topic))
    launcher.launch_service(service.WSGIService('osapi_compute'))
    launcher.wait()

if __name__ == '__main__':
    sys.exit(main())
